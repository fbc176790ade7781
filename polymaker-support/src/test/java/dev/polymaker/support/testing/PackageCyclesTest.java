package dev.polymaker.support.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageCyclesTest {

    @Test
    void twoPackagesThatUseEachOtherAreACycle() {
        String root = "dev.polymaker.support.testing.cyclefixture";
        assertThatThrownBy(() -> PackageCycles.rule(root).check(PackageCycles.classesOf(root)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("cyclefixture.a.Ask")
                .hasMessageContaining("cyclefixture.b.Bid");
    }

    @Test
    void aDependencyOneWayIsNoCycle() {
        String root = "dev.polymaker.support.testing.layerfixture";
        assertThatCode(() -> PackageCycles.rule(root).check(PackageCycles.classesOf(root))).doesNotThrowAnyException();
    }
}
