package dev.polymaker.marketdata;

import dev.polymaker.support.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** Issue 13: no package of market-data-service depends back on a package that depends on it (architecture.md §6). */
class PackageCyclesTest {

    @Test
    void theServicesPackagesHaveNoCycle() {
        PackageCycles.assertNone("dev.polymaker.marketdata");
    }
}
