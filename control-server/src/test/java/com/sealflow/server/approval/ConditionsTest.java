package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.Condition.Op;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed comparisons, decimal money, list-valued facts, OR of ANDs. */
class ConditionsTest {

    private static boolean t(Object actual, Op op, Object value) {
        return Conditions.test(new Condition.Predicate("f", op, value), actual);
    }

    @Test
    void moneyComparesAsDecimals() {
        assertThat(t(new BigDecimal("500000.00"), Op.GTE, 500000)).isTrue();
        assertThat(t(new BigDecimal("499999.99"), Op.GTE, 500000)).isFalse();
        assertThat(t("0.3", Op.EQ, new BigDecimal("0.30"))).isTrue();
        assertThat(t(new BigDecimal("0.1").add(new BigDecimal("0.2")), Op.EQ, new BigDecimal("0.3"))).isTrue();
        assertThat(t(100, Op.BETWEEN, List.of(100, 200))).isTrue();
        assertThat(t(201, Op.BETWEEN, List.of(100, 200))).isFalse();
        assertThat(t(5, Op.LT, 6)).isTrue();
        assertThat(t(6, Op.LTE, 6)).isTrue();
        assertThat(t(7, Op.GT, 6)).isTrue();
        assertThat(t(6, Op.NE, 6)).isFalse();
    }

    @Test
    void textAndNumbersDoNotCompareByAccident() {
        assertThat(t("abc", Op.GT, 5)).isFalse();
        assertThat(t("abc", Op.LT, 5)).isFalse();
        assertThat(t("B", Op.GT, "A")).isTrue();
        assertThat(t("CONTRACT", Op.EQ, "CONTRACT")).isTrue();
        assertThat(t(true, Op.EQ, true)).isTrue();
        assertThat(t("合同专用章", Op.CONTAINS, "合同")).isTrue();
    }

    @Test
    void listFactsMatchWhenAnyElementDoes() {
        List<String> seals = List.of("CONTRACT", "OFFICIAL");
        assertThat(t(seals, Op.IN, List.of("OFFICIAL", "LEGAL_REP"))).isTrue();
        assertThat(t(seals, Op.NOT_IN, List.of("OFFICIAL"))).isFalse();
        assertThat(t(seals, Op.NOT_IN, List.of("FINANCE"))).isTrue();
        assertThat(t(seals, Op.CONTAINS, "OFFICIAL")).isTrue();
        assertThat(t(seals, Op.EQ, "CONTRACT")).isTrue();
        assertThat(t(seals, Op.NE, "CONTRACT")).isFalse();
    }

    @Test
    void missingFactsOnlySatisfyEmptinessAndNegations() {
        assertThat(t(null, Op.IS_EMPTY, null)).isTrue();
        assertThat(t("", Op.IS_EMPTY, true)).isTrue();
        assertThat(t("x", Op.IS_EMPTY, false)).isTrue();
        assertThat(t(List.of(), Op.IS_EMPTY, null)).isTrue();
        assertThat(t(null, Op.EQ, "x")).isFalse();
        assertThat(t(null, Op.GTE, 0)).isFalse();
        assertThat(t(null, Op.NE, "x")).isTrue();
        assertThat(t(null, Op.NOT_IN, List.of("x"))).isTrue();
    }

    @Test
    void orOfAndsWithReasonsAndNestedFacts() {
        Condition c = new Condition(List.of(
            new Condition.Clause(List.of(new Condition.Predicate("amount", Op.GTE, 500000))),
            new Condition.Clause(List.of(new Condition.Predicate("applicant.departmentId", Op.EQ, "sales"),
                new Condition.Predicate("form.project", Op.EQ, "X")))));
        Map<String, Object> facts = Map.of("amount", 10, "applicant", Map.of("departmentId", "sales"), "form.project", "X");
        Conditions.Outcome o = Conditions.evaluate(c, facts);
        assertThat(o.holds()).isTrue();
        assertThat(o.reason()).contains("amount gte 500000: 10 → false").contains("form.project eq X: X → true");
        assertThat(Conditions.holds(c, Map.of("amount", 10))).isFalse();
    }
}
