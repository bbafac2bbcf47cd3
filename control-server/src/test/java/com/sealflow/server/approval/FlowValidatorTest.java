package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.approval.model.FlowDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation errors per node, checked against the JSON the designer saves. */
class FlowValidatorTest {

    private static List<ValidationError> errors(String nodeJson) {
        String json = """
            {"key": "k", "name": "n", "formFields": [{"key": "project", "label": "项目", "type": "text"}],
             "root": {"id": "start", "type": "START", "name": "申请", "next": %s}}""".formatted(nodeJson);
        return FlowValidator.validate(FlowJson.parse(json));
    }

    @Test
    void theDemoFlowsAreValidAndSurviveAJsonRoundTrip() {
        for (FlowDefinition f : List.of(DemoFlows.sealUse(), DemoFlows.takeOut())) {
            assertThat(FlowValidator.validate(f)).isEmpty();
            assertThat(FlowJson.parse(FlowJson.write(f))).isEqualTo(f);
        }
    }

    private static String a(String extra) {
        return "{'id': 'a', 'type': 'APPROVAL', 'name': 'A'" + extra + "}";
    }

    private static String cond(String branches) {
        return "{'id': 'p', 'type': 'CONDITION', 'name': 'P', 'branches': [" + branches + "]}";
    }

    private static String when(String field, String op, String value) {
        return "{'id': 'b1', 'when': {'anyOf': [{'allOf': [{'field': '" + field + "', 'op': '" + op + "', 'value': " + value + "}]}]}}";
    }

    static Stream<Arguments> problems() {
        String me = ", 'approvers': {'type': 'APPLICANT'}";
        String custodian = "'approvers': {'type': 'SEAL_CUSTODIAN'}";
        return Stream.of(
            Arguments.of(a(""), "a", "approvers"),
            Arguments.of(a(", 'approvers': {'type': 'USERS'}"), "a", "USERS needs userIds"),
            Arguments.of(a(", 'approvers': {'type': 'ROLE'}"), "a", "ROLE needs role"),
            Arguments.of(a(", 'approvers': {'type': 'DEPT_HEAD'}"), "a", "level"),
            Arguments.of(a(", 'approvers': {'type': 'FORM_FIELD', 'field': 'x'}"), "a", "FORM_FIELD"),
            Arguments.of(a(", 'mode': 'VOTE'" + me), "a", "passRatio"),
            Arguments.of(a(", 'mode': 'VOTE', 'passRatio': 1.5" + me), "a", "passRatio"),
            Arguments.of(a(me + ", 'onEmpty': {'action': 'ASSIGN'}"), "a", "onEmpty.to"),
            Arguments.of(a(me + ", 'onReject': {'policy': 'RETURN_TO_NODE', 'nodeId': 'zz'}"), "a", "RETURN_TO_NODE"),
            Arguments.of(a(me + ", 'timeLimit': {'remindEvery': 'PT1H'}"), "a", "duration or a dueField"),
            Arguments.of(a(me + ", 'timeLimit': {'duration': 'P1D', 'onTimeout': {'action': 'TRANSFER'}}"), "a", "onTimeout.to"),
            Arguments.of("{'id': 'h', 'type': 'HANDLE', 'name': 'H', " + custodian + ", 'action': 'FLY'}", "h", "action"),
            Arguments.of("{'id': 'h', 'type': 'HANDLE', 'name': 'H', " + custodian + ", 'action': 'STAMP',"
                + " 'timeLimit': {'duration': 'P1D', 'onTimeout': {'action': 'AUTO_APPROVE'}}}", "h", "REMIND or TRANSFER"),
            Arguments.of("{'id': 'c', 'type': 'CC', 'name': 'C'}", "c", "recipients"),
            Arguments.of("{'id': 'x', 'type': 'AUTO', 'name': 'X', 'action': 'EMAIL'}", "x", "action"),
            Arguments.of("{'id': 'p', 'type': 'PARALLEL', 'name': 'P', 'branches': [{'id': 'b1'}]}", "p", "at least two"),
            Arguments.of(cond("{'id': 'b1'}"), "p", "needs a condition"),
            Arguments.of(cond("{'id': 'b1', 'default': true}, {'id': 'b2', 'default': true}"), "p", "at most one default"),
            Arguments.of(cond(when("salary", "eq", "1")), "p", "unknown field salary"),
            Arguments.of(cond(when("amount", "between", "[1]")), "p", "does not fit"),
            Arguments.of(cond(when("amount", "in", "3")), "p", "does not fit"),
            Arguments.of("{'id': 's', 'type': 'START', 'name': 'again'}", "s", "START may only"),
            Arguments.of("{'id': 'start', 'type': 'AUTO', 'name': 'dup', 'action': 'ARCHIVE'}", "start", "duplicate"),
            Arguments.of("{'id': 'x', 'type': 'AUTO', 'action': 'ARCHIVE'}", "x", "name is required"));
    }

    @ParameterizedTest
    @MethodSource("problems")
    void reportsEachProblemAgainstItsNode(String node, String nodeId, String message) {
        assertThat(errors(node.replace('\'', '"'))).anySatisfy(e -> {
            assertThat(e.nodeId()).isEqualTo(nodeId);
            assertThat(e.message()).contains(message);
        });
    }

    @Test
    void flowLevelProblemsHaveNoNode() {
        assertThat(FlowValidator.validate(new FlowDefinition(" ", null, null, null)))
            .extracting(ValidationError::nodeId).containsOnlyNulls().hasSize(3);
    }

    @Test
    void validFormFieldConditionsPass() {
        assertThat(errors("""
            {"id": "p", "type": "CONDITION", "name": "P", "branches": [
              {"id": "b1", "when": {"anyOf": [{"allOf": [{"field": "form.project", "op": "isEmpty"}]}]}},
              {"id": "b2", "default": true}]}""")).isEmpty();
    }

    @Test
    void malformedJsonAndWrongShapesAreValidationErrors() {
        assertThatThrownBy(() -> FlowJson.parse("{\"key\": ")).isInstanceOf(ApprovalValidationException.class);
        assertThatThrownBy(() -> errors("{\"id\": \"a\", \"type\": \"NOPE\", \"name\": \"A\"}"))
            .isInstanceOf(ApprovalValidationException.class)
            .satisfies(e -> assertThat(((ApprovalValidationException) e).errors().get(0).nodeId()).isEqualTo("a"));
        assertThatThrownBy(() -> errors(a(", \"timeLimit\": {\"duration\": \"1 day\"}").replace('\'', '"')))
            .isInstanceOf(ApprovalValidationException.class);
        assertThatThrownBy(() -> errors("{\"id\": \"p\", \"type\": \"CONDITION\", \"name\": \"P\", \"branches\": [{\"id\": \"b\","
            + " \"when\": {\"anyOf\": [{\"allOf\": [{\"field\": \"amount\", \"op\": \"like\", \"value\": 1}]}]}}]}"))
            .isInstanceOf(ApprovalValidationException.class);
    }
}
