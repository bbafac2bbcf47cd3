package com.sealflow.server.demo;

import com.sealflow.server.auth.Credentials;
import com.sealflow.server.db.Database;
import com.sealflow.server.org.Department;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo company of DESIGN §7, 示例科技有限公司: six departments under 总经办 and fourteen people, every
 * password {@value #PASSWORD}. Only ever loaded in demo mode; creates what is missing, so restarts are harmless.
 */
public final class DemoCompany implements DemoSeed {

    public static final String COMPANY = "示例科技有限公司";
    public static final String PASSWORD = "sealflow";
    static final String ACTOR = "system";

    /** A demo department: code, name, parent code, head username. */
    public record Dept(String code, String name, String parent, String head) {
    }

    /** A demo person. */
    public record Person(String username, String name, String dept, Set<Role> roles) {
    }

    public static final List<Dept> DEPARTMENTS = List.of(
        new Dept("GM", "总经办", null, "sunba"),
        new Dept("ADMIN", "行政部", "GM", "wushi"),
        new Dept("SALES", "销售部", "GM", "lisi"),
        new Dept("RND", "研发部", "GM", "liuyang"),
        new Dept("LEGAL", "法务部", "GM", "wangwu"),
        new Dept("FIN", "财务部", "GM", "qianqi"));

    public static final List<Person> USERS = List.of(
        new Person("admin", "系统管理员", "ADMIN", EnumSet.of(Role.ADMIN, Role.SEAL_ADMIN, Role.FLOW_ADMIN)),
        new Person("zhangsan", "张三", "SALES", Set.of()),
        new Person("lisi", "李四", "SALES", Set.of()),
        new Person("chenyu", "陈宇", "RND", Set.of()),
        new Person("liuyang", "刘洋", "RND", Set.of()),
        new Person("wangwu", "王五", "LEGAL", EnumSet.of(Role.LEGAL)),
        new Person("zhaoliu", "赵六", "LEGAL", EnumSet.of(Role.LEGAL)),
        new Person("qianqi", "钱七", "FIN", EnumSet.of(Role.FINANCE)),
        new Person("sunba", "孙八", "GM", EnumSet.of(Role.EXECUTIVE)),
        new Person("zhoujiu", "周九", "GM", EnumSet.of(Role.EXECUTIVE)),
        new Person("wushi", "吴十", "ADMIN", EnumSet.of(Role.CUSTODIAN)),
        new Person("zhengyi", "郑一", "FIN", EnumSet.of(Role.CUSTODIAN)),
        new Person("anbao", "安保", "ADMIN", EnumSet.of(Role.SECURITY)),
        new Person("auditor", "审计员", "GM", EnumSet.of(Role.AUDITOR)));

    private final Database db;
    private final OrgAdmin org;
    private final Credentials credentials;

    public DemoCompany(Database db, OrgAdmin org, Credentials credentials) {
        this.db = db;
        this.org = org;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "company";
    }

    @Override
    public Future<Void> seed() {
        // one hash shared by all demo users: the password is public anyway, and 14 hashes at OWASP cost would
        // add seconds to every first start; and none at all on a restart where everyone has a password
        return complete().compose(done -> done ? Future.succeededFuture()
            : credentials.hash(PASSWORD).compose(hash -> db.inTransaction(tx -> seed(tx, hash))));
    }

    /** Whether every demo person exists with a password (a restart): then nothing needs to be written. */
    private Future<Boolean> complete() {
        return db.execute("SELECT COUNT(*) AS n FROM users u JOIN credentials c ON c.user_id = u.id WHERE u.username IN ("
                + java.util.stream.IntStream.rangeClosed(1, USERS.size()).mapToObj(i -> "$" + i)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")",
                USERS.stream().map(Person::username).toArray())
            .map(rs -> rs.iterator().next().getLong("n") == USERS.size());
    }

    private Future<Void> seed(SqlConnection tx, String hash) {
        Directory dir = org.directory();
        Map<String, String> deptIds = new HashMap<>();
        Map<String, String> userIds = new HashMap<>();
        Future<?> f = dir.departments(tx).map(all -> {
            all.forEach(d -> deptIds.put(d.code(), d.id()));
            return null;
        });
        for (Dept d : DEPARTMENTS) {
            f = f.compose(v -> deptIds.containsKey(d.code()) ? Future.succeededFuture()
                : org.createDepartment(tx, ACTOR, new OrgAdmin.DepartmentInput(d.code(), d.name(), deptIds.get(d.parent()), null))
                    .map(created -> deptIds.put(d.code(), created.id())));
        }
        for (Person p : USERS) {
            f = f.compose(v -> dir.userByUsername(tx, p.username())).compose(existing -> {
                if (existing.isPresent()) {
                    userIds.put(p.username(), existing.get().id());
                    return Future.succeededFuture();
                }
                return org.createUser(tx, ACTOR, new OrgAdmin.UserInput(p.username(), p.name(), deptIds.get(p.dept()),
                    p.username() + "@example.com", true, p.roles())).map(u -> userIds.put(p.username(), u.id()));
            }).compose(v -> credentials.hasPassword(tx, userIds.get(p.username())))
                .compose(has -> has ? Future.succeededFuture() : credentials.store(tx, ACTOR, userIds.get(p.username()), hash));
        }
        for (Dept d : DEPARTMENTS) {
            f = f.compose(v -> dir.department(tx, deptIds.get(d.code()))).compose(dep -> {
                Department x = dep.orElseThrow();
                if (x.headId() != null) {
                    return Future.succeededFuture();
                }
                return org.updateDepartment(tx, ACTOR, x.id(),
                    new OrgAdmin.DepartmentInput(x.code(), x.name(), x.parentId(), userIds.get(d.head())));
            });
        }
        return f.mapEmpty();
    }
}
