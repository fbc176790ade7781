package dev.polymaker.support.testing.cyclefixture.b;

import dev.polymaker.support.testing.cyclefixture.a.Ask;

/** The other half of a package cycle for {@code PackageCyclesTest}. */
public record Bid(Ask other) {
}
