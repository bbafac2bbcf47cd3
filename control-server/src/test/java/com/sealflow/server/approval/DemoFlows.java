package com.sealflow.server.approval;

import com.sealflow.server.approval.model.FlowDefinition;

/** The demo flows of DESIGN §7, as the designer would save them. */
final class DemoFlows {

    static final String SEAL_USE = """
        {"key": "seal-use", "name": "用印审批", "formFields": [{"key": "project", "label": "项目", "type": "text"}],
         "root": {"id": "start", "type": "START", "name": "申请",
          "next": {"id": "dept", "type": "APPROVAL", "name": "部门负责人审批",
            "approvers": {"type": "DEPT_HEAD", "level": 1}, "mode": "ANY",
            "timeLimit": {"duration": "P1D", "remindBefore": "PT4H",
                          "onTimeout": {"action": "TRANSFER", "to": {"type": "DEPT_HEAD", "level": 2}}},
            "allow": ["TRANSFER", "DELEGATE", "ADD_SIGNER", "RETURN"], "fieldPermissions": {"project": "READ"},
            "next": {"id": "review", "type": "INCLUSIVE", "name": "专业审核", "branches": [
              {"id": "legalBranch", "name": "法务", "when": {"anyOf": [{"allOf": [
                 {"field": "documentType", "op": "in", "value": ["CONTRACT", "AGREEMENT"]}]}]},
               "next": {"id": "legal", "type": "APPROVAL", "name": "法务审核", "mode": "ANY",
                        "approvers": {"type": "ROLE", "role": "LEGAL"}, "onReject": {"policy": "RETURN_TO_APPLICANT"},
                        "allow": ["RETURN"]}},
              {"id": "financeBranch", "name": "财务", "when": {"anyOf": [
                 {"allOf": [{"field": "documentType", "op": "in", "value": ["FINANCIAL_STATEMENT", "INVOICE"]}]},
                 {"allOf": [{"field": "amount", "op": "gte", "value": 100000}]}]},
               "next": {"id": "finance", "type": "APPROVAL", "name": "财务审核", "mode": "ANY",
                        "approvers": {"type": "ROLE", "role": "FINANCE"}}}],
            "next": {"id": "exec", "type": "CONDITION", "name": "高层审批", "branches": [
              {"id": "big", "name": "大额或公章", "when": {"anyOf": [
                 {"allOf": [{"field": "amount", "op": "gte", "value": 500000}]},
                 {"allOf": [{"field": "sealType", "op": "in", "value": ["OFFICIAL", "LEGAL_REP"]}]}]},
               "next": {"id": "ceo", "type": "APPROVAL", "name": "总经理审批", "mode": "ALL",
                        "approvers": {"type": "USERS", "userIds": ["sunba", "zhoujiu"]}}},
              {"id": "small", "name": "其他", "default": true}],
            "next": {"id": "stamp", "type": "HANDLE", "name": "印章管理员用印", "action": "STAMP",
                     "approvers": {"type": "SEAL_CUSTODIAN"},
              "next": {"id": "archive", "type": "AUTO", "name": "归档", "action": "ARCHIVE"}}}}}}}
        """;

    static final String TAKE_OUT = """
        {"key": "take-out", "name": "印章外带",
         "root": {"id": "start", "type": "START", "name": "申请",
          "next": {"id": "dept", "type": "APPROVAL", "name": "部门负责人审批", "approvers": {"type": "DEPT_HEAD", "level": 1},
            "next": {"id": "gm", "type": "APPROVAL", "name": "总经办负责人审批", "approvers": {"type": "USERS", "userIds": ["sunba"]},
              "onApplicantIsApprover": "SKIP", "onEmpty": {"action": "AUTO_APPROVE"},
              "next": {"id": "checkout", "type": "HANDLE", "name": "取章", "action": "CHECKOUT",
                       "approvers": {"type": "SEAL_CUSTODIAN"},
                "next": {"id": "checkin", "type": "HANDLE", "name": "还章", "action": "CHECKIN",
                         "approvers": {"type": "SEAL_CUSTODIAN"},
                         "timeLimit": {"dueField": "takeOut.expectedReturnAt", "remindEvery": "PT1H", "maxReminders": 3,
                                       "onTimeout": {"action": "REMIND"}},
                  "next": {"id": "archive", "type": "AUTO", "name": "归档", "action": "ARCHIVE"}}}}}}}
        """;

    private DemoFlows() {
    }

    static FlowDefinition sealUse() {
        return FlowJson.parse(SEAL_USE);
    }

    static FlowDefinition takeOut() {
        return FlowJson.parse(TAKE_OUT);
    }
}
