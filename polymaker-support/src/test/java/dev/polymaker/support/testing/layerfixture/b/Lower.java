package dev.polymaker.support.testing.layerfixture.b;

/** Depends on nothing, for {@code PackageCyclesTest}. */
public record Lower(String name) {
}
