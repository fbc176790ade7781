package dev.polymaker.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.support.AdminToken.Verdict;
import org.junit.jupiter.api.Test;

/** The one admin-call rule of both services (docs/architecture.md §4). */
class AdminTokenTest {

    @Test
    void theRightBearerTokenIsAllowedWhateverTheSchemesCase() {
        AdminToken admin = new AdminToken("s3cret", "trading.admin.token");
        assertThat(admin.check("Bearer s3cret")).isEqualTo(Verdict.ALLOWED);
        assertThat(admin.check("bearer s3cret ")).isEqualTo(Verdict.ALLOWED);
        assertThat(admin.check("BEARER s3cret")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void noOrAWrongTokenIs401() {
        AdminToken admin = new AdminToken("s3cret", "trading.admin.token");
        assertThat(admin.check(null)).isEqualTo(Verdict.MISSING);
        assertThat(admin.check("Basic s3cret")).isEqualTo(Verdict.MISSING);
        assertThat(admin.check("Bearer")).isEqualTo(Verdict.MISSING);
        assertThat(admin.check("Bearer nope")).isEqualTo(Verdict.WRONG);
        assertThat(admin.check("Bearer s3cret2")).isEqualTo(Verdict.WRONG);
        assertThat(Verdict.MISSING.httpStatus()).isEqualTo(401);
        assertThat(Verdict.WRONG.httpStatus()).isEqualTo(401);
        assertThat(admin.message(Verdict.WRONG)).doesNotContain("s3cret");
    }

    @Test
    void withoutAConfiguredTokenEveryAdminCallIs403NamingTheProperty() {
        for (String unset : new String[] {null, "", "  "}) {
            AdminToken admin = new AdminToken(unset, "marketdata.admin.token");
            assertThat(admin.enabled()).isFalse();
            assertThat(admin.check("Bearer anything")).isEqualTo(Verdict.DISABLED);
            assertThat(admin.check(null)).isEqualTo(Verdict.DISABLED);
        }
        assertThat(Verdict.DISABLED.httpStatus()).isEqualTo(403);
        assertThat(new AdminToken(null, "marketdata.admin.token").message(Verdict.DISABLED))
                .isEqualTo("admin API disabled: set marketdata.admin.token");
    }
}
