package com.sealflow.server.flowapi;

import java.util.Map;

/** The demo flows of DESIGN §7 as the designer saves them; {@code ${name}} stands for a demo user's id. */
final class DemoFlows {

    private static final String SEAL_USE = """
        {"key": "seal-use", "name": "用印审批", "formFields": [{"key": "project", "label": "项目", "type": "text"}],
         "root": {"id": "start", "type": "START", "name": "申请",
          "next": {"id": "dept", "type": "APPROVAL", "name": "部门负责人审批",
            "approvers": {"type": "DEPT_HEAD", "level": 1}, "mode": "ANY",
            "timeLimit": {"duration": "P1D", "remindBefore": "PT4H",
                          "onTimeout": {"action": "TRANSFER", "to": {"type": "DEPT_HEAD", "level": 2}}},
            "allow": ["TRANSFER", "DELEGATE", "ADD_SIGNER", "RETURN"],
            "next": {"id": "review", "type": "INCLUSIVE", "name": "专业审核", "branches": [
              {"id": "legalBranch", "name": "法务审核", "when": {"anyOf": [{"allOf": [
                 {"field": "documentType", "op": "in", "value": ["CONTRACT", "AGREEMENT"]}]}]},
               "next": {"id": "legal", "type": "APPROVAL", "name": "法务审核", "mode": "ANY",
                        "approvers": {"type": "ROLE", "role": "LEGAL"}, "allow": ["TRANSFER", "DELEGATE", "ADD_SIGNER", "RETURN"]}},
              {"id": "financeBranch", "name": "财务审核", "when": {"anyOf": [
                 {"allOf": [{"field": "documentType", "op": "in", "value": ["FINANCIAL_STATEMENT", "INVOICE"]}]},
                 {"allOf": [{"field": "amount", "op": "gte", "value": 100000}]}]},
               "next": {"id": "finance", "type": "APPROVAL", "name": "财务审核", "mode": "ANY",
                        "approvers": {"type": "ROLE", "role": "FINANCE"}, "allow": ["TRANSFER", "DELEGATE", "ADD_SIGNER", "RETURN"]}}],
            "next": {"id": "exec", "type": "CONDITION", "name": "高层审批", "branches": [
              {"id": "big", "name": "大额或公章", "when": {"anyOf": [
                 {"allOf": [{"field": "amount", "op": "gte", "value": 500000}]},
                 {"allOf": [{"field": "sealType", "op": "in", "value": ["OFFICIAL", "LEGAL_REP"]}]}]},
               "next": {"id": "ceo", "type": "APPROVAL", "name": "高层会签", "mode": "ALL",
                        "approvers": {"type": "USERS", "userIds": ["${sunba}", "${zhoujiu}"]},
                        "allow": ["TRANSFER", "DELEGATE", "ADD_SIGNER", "RETURN"]}},
              {"id": "small", "name": "其他", "default": true}],
            "next": {"id": "stamp", "type": "HANDLE", "name": "印章管理员用印", "action": "STAMP",
                     "approvers": {"type": "SEAL_CUSTODIAN"},
              "next": {"id": "archive", "type": "AUTO", "name": "归档", "action": "ARCHIVE"}}}}}}}
        """;

    private static final String TAKE_OUT = """
        {"key": "take-out", "name": "印章外带",
         "root": {"id": "start", "type": "START", "name": "申请",
          "next": {"id": "dept", "type": "APPROVAL", "name": "部门负责人审批", "approvers": {"type": "DEPT_HEAD", "level": 1},
            "allow": ["TRANSFER", "DELEGATE", "RETURN"],
            "next": {"id": "gm", "type": "APPROVAL", "name": "总经办负责人审批", "approvers": {"type": "USERS", "userIds": ["${sunba}"]},
              "onApplicantIsApprover": "SKIP", "onEmpty": {"action": "AUTO_APPROVE"}, "allow": ["TRANSFER", "DELEGATE", "RETURN"],
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

    static String sealUse(Map<String, String> userIds) {
        return fill(SEAL_USE, userIds);
    }

    static String takeOut(Map<String, String> userIds) {
        return fill(TAKE_OUT, userIds);
    }

    private static String fill(String json, Map<String, String> userIds) {
        String out = json;
        for (Map.Entry<String, String> e : userIds.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (out.contains("${")) {
            int at = out.indexOf("${");
            throw new IllegalArgumentException("a demo user of the demo flows is missing: " + out.substring(at, out.indexOf('}', at) + 1));
        }
        return out;
    }
}
