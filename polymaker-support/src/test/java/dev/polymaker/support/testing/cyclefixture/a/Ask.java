package dev.polymaker.support.testing.cyclefixture.a;

import dev.polymaker.support.testing.cyclefixture.b.Bid;

/** Half of a package cycle for {@code PackageCyclesTest}. */
public record Ask(Bid other) {
}
