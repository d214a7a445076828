package io.jenkins.plugins.stagedrollout.core.closure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Version order, version ranges and rich dependency text, case by case as rpm defines them. */
class DependencySemanticsTest {

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({
        "1.0, 1.0, 0", "1.0, 2.0, -1", "2.0.1, 2.0, 1", "2.0.1a, 2.0.1, 1", "5.5p1, 5.5p2, -1", "5.5p10, 5.5p2, 1",
        "10xyz, 10.1xyz, -1", "xyz10, xyz10.1, -1", "xyz.4, 8, -1", "1.01, 1.1, 0", "1.0a, 1.0, 1", "1, a, 1", "a, b, -1",
        "1.0, 1_0, 0", "1.0~rc1, 1.0, -1", "1.0~rc1, 1.0~rc2, -1", "1.0~rc1~git123, 1.0~rc1, -1", "1.0^, 1.0, 1",
        "1.0^git1, 1.0, 1", "1.0^git1, 1.0.1, -1", "1.0^git1, 1.0^git2, -1", "1.0^git1~pre, 1.0^git1, -1", "1.0~rc1^git1, 1.0~rc1, 1",
        "2.34, 2.4, 1", "0001, 1, 0"
    })
    void versionsCompareAsRpmvercmp(String a, String b, int expected) {
        assertThat(Integer.signum(RpmVersions.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(RpmVersions.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "{0} meets {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "= 2.0-1 | >= 1.0 | true", "= 2.0-1 | < 2.0 | false", "= 2.0-1 | <= 2.0 | true", "= 2.0-1 | = 2.0 | true",
        "= 2.0-1 | = 2.0-2 | false", "= 1:1.0-1 | >= 5.0 | true", "= 1.0-1 | >= 1:0.1 | false", ">= 3.0 | < 2.0 | false",
        ">= 3.0 | > 4.0 | true", "< 2.0 | <= 1.0 | true", "< 2.0 | > 2.0 | false", "| >= 9.0 | true", "= 2.0 | | true"
    })
    void rangesOverlapAsRpmdsCompare(String provide, String require, boolean expected) {
        assertThat(capability(provide).satisfies(capability(require))).isEqualTo(expected);
    }

    private static Capability capability(String relation) {
        if (relation == null || relation.isBlank()) {
            return Capability.unversioned("foo");
        }
        String[] parts = relation.strip().split(" ");
        return new Capability("foo", Comparison.of(parts[0]), Evr.parse(parts[1]));
    }

    @Test
    void richDependenciesReadAsRpmWritesThem() {
        assertThat(Requirement.of("(a or b or c)", null, null).text()).isEqualTo("(a or b or c)");
        assertThat(Requirement.of("(libfoo.so.1()(64bit) if (bar >= 1:2.0-1 with baz))", null, null).text())
                .isEqualTo("(libfoo.so.1()(64bit) if (bar >= 1:2.0-1 with baz))");
        assertThat(Requirement.of("(a if b else c)", null, null)).isEqualTo(new Requirement.Rich(Requirement.Operator.IF,
                simple("a"), simple("b"), simple("c")));
        assertThat(unreadable("(a or b and c)")).contains("'or' and 'and' mixed without parentheses");
        assertThat(unreadable("(a nor b)")).contains("'nor' is no operator");
        assertThat(unreadable("(a or b")).isEqualTo("cannot read the rich dependency '(a or b' at position 8: expected ')'");
        assertThat(new RequirementCheck(ProviderIndex.of(java.util.List.of(), arch -> true)).unmet(Requirement.of("(a nor b)", null, null)))
                .hasValueSatisfying(why -> assertThat(why).contains("'nor' is no operator"));
    }

    private static String unreadable(String text) {
        return ((Requirement.Unreadable) Requirement.of(text, null, null)).why();
    }

    private static Requirement simple(String name) {
        return new Requirement.Simple(Capability.unversioned(name));
    }
}
