package dev.polymaker.trading;

import dev.polymaker.support.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** Issue 13: no package of trading-service depends back on a package that depends on it (architecture.md §6). */
class PackageCyclesTest {

    @Test
    void theServicesPackagesHaveNoCycle() {
        PackageCycles.assertNone("dev.polymaker.trading");
    }
}
