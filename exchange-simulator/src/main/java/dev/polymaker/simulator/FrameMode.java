package dev.polymaker.simulator;

/** How data events are framed on the wire: each alone, each wrapped in a JSON array, or a seeded random mix. */
public enum FrameMode {
    SINGLE,
    ARRAY,
    MIXED
}
