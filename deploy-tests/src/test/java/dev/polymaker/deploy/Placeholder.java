package dev.polymaker.deploy; class Placeholder {}
