package dev.polymaker.support.testing.layerfixture.a;

import dev.polymaker.support.testing.layerfixture.b.Lower;

/** Depends one way only, for {@code PackageCyclesTest}. */
public record Upper(Lower lower) {
}
