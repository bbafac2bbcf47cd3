package com.sealflow.server.request;

import com.sealflow.server.flowapi.OrgLookup;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The demo company of DESIGN §7 in memory (user id = username), standing in for the platform's org directory. */
public final class TestOrg implements OrgLookup {

    /** A department: id, parent, head. */
    public record Dept(String id, String name, String parentId, String headId) {
    }

    public final Map<String, Person> people = new LinkedHashMap<>();
    public final Map<String, Dept> depts = new LinkedHashMap<>();

    public TestOrg() {
        dept("gm", "总经办", null, "sunba");
        dept("sales", "销售部", "gm", "lisi");
        dept("rd", "研发部", "gm", "liuyang");
        dept("legal", "法务部", "gm", "wangwu");
        dept("finance", "财务部", "gm", "qianqi");
        dept("admin", "行政部", "gm", "wushi");
        person("admin", "管理员", "admin", "ADMIN", "SEAL_ADMIN", "FLOW_ADMIN");
        person("zhangsan", "张三", "sales");
        person("lisi", "李四", "sales");
        person("chenyu", "陈宇", "rd");
        person("liuyang", "刘洋", "rd");
        person("wangwu", "王五", "legal", "LEGAL");
        person("zhaoliu", "赵六", "legal", "LEGAL");
        person("qianqi", "钱七", "finance", "FINANCE");
        person("sunba", "孙八", "gm", "EXECUTIVE");
        person("zhoujiu", "周九", "gm", "EXECUTIVE");
        person("wushi", "吴十", "admin", "CUSTODIAN");
        person("zhengyi", "郑一", "finance", "CUSTODIAN");
        person("anbao", "安保", "admin", "SECURITY");
        person("auditor", "审计员", "gm", "AUDITOR");
    }

    private void dept(String id, String name, String parent, String head) {
        depts.put(id, new Dept(id, name, parent, head));
    }

    private void person(String id, String name, String dept, String... roles) {
        people.put(id, new Person(id, name, dept, Set.of(roles)));
    }

    public Map<String, String> ids() {
        Map<String, String> out = new LinkedHashMap<>();
        people.keySet().forEach(k -> out.put(k, k));
        return out;
    }

    @Override
    public Future<Optional<Person>> user(SqlClient c, String id) {
        return Future.succeededFuture(Optional.ofNullable(people.get(id)));
    }

    @Override
    public Future<List<Person>> withRole(SqlClient c, String role) {
        return Future.succeededFuture(people.values().stream().filter(p -> p.roles().contains(role)).toList());
    }

    @Override
    public Future<Optional<Person>> departmentHead(SqlClient c, String userId, int level) {
        List<Person> chain = chain(userId, level);
        return Future.succeededFuture(chain.size() >= level ? Optional.of(chain.get(level - 1)) : Optional.empty());
    }

    @Override
    public Future<List<Person>> headsChain(SqlClient c, String userId, int upToLevel) {
        return Future.succeededFuture(chain(userId, upToLevel));
    }

    /** Heads above a person, nearest first; a head's first is the head of the department above. */
    private List<Person> chain(String userId, int levels) {
        List<Person> out = new ArrayList<>();
        Person p = people.get(userId);
        if (p == null) {
            return out;
        }
        Dept d = depts.get(p.departmentId());
        if (d != null && userId.equals(d.headId())) {
            d = d.parentId() == null ? null : depts.get(d.parentId());
        }
        while (d != null && out.size() < levels) {
            out.add(people.get(d.headId()));
            d = d.parentId() == null ? null : depts.get(d.parentId());
        }
        return out;
    }

    @Override
    public Future<Map<String, String>> names(SqlClient c, Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, people.containsKey(id) ? people.get(id).name() : id));
        return Future.succeededFuture(out);
    }
}
