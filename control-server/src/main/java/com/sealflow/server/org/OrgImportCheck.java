package com.sealflow.server.org;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of an org import that need the whole file and the database: references, duplicates, cycles. */
final class OrgImportCheck {

    private OrgImportCheck() {
    }

    /** What already exists, by natural key. */
    record Existing(Map<String, String> deptIdByCode, Map<String, String> headIdByCode, Map<String, String> userIdByUsername) {
    }

    static Future<Existing> crossCheck(SqlConnection tx, Directory directory, List<OrgImport.DeptRow> depts,
                                       List<OrgImport.UserRow> users, List<JsonObject> errors) {
        return directory.departments(tx).compose(dbDepts -> tx.query("SELECT id, username FROM users")
            .execute().map(rs -> {
                Map<String, String> userIds = new HashMap<>();
                rs.forEach(r -> userIds.put(r.getString("username"), r.getString("id")));
                Map<String, String> deptIds = new HashMap<>();
                Map<String, String> heads = new HashMap<>();
                Map<String, String> dbParentCode = new HashMap<>();
                Map<String, String> codeById = new HashMap<>();
                dbDepts.forEach(d -> codeById.put(d.id(), d.code()));
                for (Department d : dbDepts) {
                    deptIds.put(d.code(), d.id());
                    heads.put(d.code(), d.headId());
                    dbParentCode.put(d.code(), d.parentId() == null ? null : codeById.get(d.parentId()));
                }
                check(depts, users, errors, deptIds.keySet(), userIds.keySet(), dbParentCode);
                return new Existing(deptIds, heads, userIds);
            }));
    }

    private static void check(List<OrgImport.DeptRow> depts, List<OrgImport.UserRow> users, List<JsonObject> errors,
                              Set<String> dbCodes, Set<String> dbUsernames, Map<String, String> dbParentCode) {
        Set<String> fileCodes = new HashSet<>();
        Set<String> fileUsernames = new HashSet<>();
        for (OrgImport.UserRow u : users) {
            if (u.username() != null && !fileUsernames.add(u.username())) {
                errors.add(OrgImport.error("users", u.row(), "username", "username " + u.username() + " appears twice"));
            }
        }
        Map<String, String> parentOf = new LinkedHashMap<>(dbParentCode);
        for (OrgImport.DeptRow d : depts) {
            if (d.code() == null || !OrgAdmin.CODE.matcher(d.code()).matches()) {
                errors.add(OrgImport.error("departments", d.row(), "code", "code is required: letters, digits, '.', '_' or '-'"));
                continue;
            }
            if (!fileCodes.add(d.code())) {
                errors.add(OrgImport.error("departments", d.row(), "code", "code " + d.code() + " appears twice"));
            }
            parentOf.put(d.code(), d.parentCode());
        }
        for (OrgImport.DeptRow d : depts) {
            if (d.name() == null || d.name().length() > 100) {
                errors.add(OrgImport.error("departments", d.row(), "name", "name is required (at most 100 characters)"));
            }
            if (d.parentCode() != null && !fileCodes.contains(d.parentCode()) && !dbCodes.contains(d.parentCode())) {
                errors.add(OrgImport.error("departments", d.row(), "parentCode", "no department with code " + d.parentCode()));
            } else if (d.code() != null && cyclic(d.code(), parentOf)) {
                errors.add(OrgImport.error("departments", d.row(), "parentCode", "the parents of " + d.code() + " form a cycle"));
            }
            if (d.headUsername() != null && !fileUsernames.contains(d.headUsername()) && !dbUsernames.contains(d.headUsername())) {
                errors.add(OrgImport.error("departments", d.row(), "headUsername", "no user " + d.headUsername()));
            }
        }
        for (OrgImport.UserRow u : users) {
            if (u.username() == null || !OrgAdmin.USERNAME.matcher(u.username()).matches()) {
                errors.add(OrgImport.error("users", u.row(), "username", "username is required: 2-64 letters, digits, '.', '_' or '-'"));
            }
            if (u.name() == null || u.name().length() > 100) {
                errors.add(OrgImport.error("users", u.row(), "name", "name is required (at most 100 characters)"));
            }
            if (u.departmentCode() != null && !fileCodes.contains(u.departmentCode()) && !dbCodes.contains(u.departmentCode())) {
                errors.add(OrgImport.error("users", u.row(), "departmentCode", "no department with code " + u.departmentCode()));
            }
            if (u.email() != null && !OrgAdmin.EMAIL.matcher(u.email()).matches()) {
                errors.add(OrgImport.error("users", u.row(), "email", "not an email address"));
            }
        }
    }

    private static boolean cyclic(String code, Map<String, String> parentOf) {
        Set<String> seen = new HashSet<>();
        String c = code;
        while (c != null) {
            if (!seen.add(c)) {
                return true;
            }
            c = parentOf.get(c);
        }
        return false;
    }

    /** Departments ordered so that a parent in the file comes before its children. */
    static List<OrgImport.DeptRow> parentsFirst(List<OrgImport.DeptRow> depts) {
        Map<String, OrgImport.DeptRow> byCode = new LinkedHashMap<>();
        depts.forEach(d -> byCode.put(d.code(), d));
        List<OrgImport.DeptRow> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (OrgImport.DeptRow d : depts) {
            visit(d, byCode, done, out);
        }
        return out;
    }

    private static void visit(OrgImport.DeptRow d, Map<String, OrgImport.DeptRow> byCode, Set<String> done, List<OrgImport.DeptRow> out) {
        if (!done.add(d.code())) {
            return;
        }
        OrgImport.DeptRow parent = d.parentCode() == null ? null : byCode.get(d.parentCode());
        if (parent != null) {
            visit(parent, byCode, done, out);
        }
        out.add(d);
    }
}
