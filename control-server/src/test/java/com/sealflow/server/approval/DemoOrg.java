package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApproverSpec;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo company of DESIGN §7 as an in-memory {@link ApproverResolver} (the org and seal modules implement the real one). */
final class DemoOrg implements ApproverResolver {

    record User(String id, String name, String dept, Set<String> roles) {
    }

    record Dept(String id, String name, String parent, String head) {
    }

    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Dept> depts = new LinkedHashMap<>();
    final Map<String, String> sealCustodian = new LinkedHashMap<>();
    final Map<ApproverSpec, AtomicInteger> calls = new ConcurrentHashMap<>();

    DemoOrg() {
        dept("exec", "总经办", null, "sunba");
        dept("admin", "行政部", "exec", "wushi");
        dept("sales", "销售部", "exec", "lisi");
        dept("rd", "研发部", "exec", "liuyang");
        dept("legal", "法务部", "exec", "wangwu");
        dept("finance", "财务部", "exec", "qianqi");
        user("admin", "管理员", "admin", "ADMIN", "SEAL_ADMIN", "FLOW_ADMIN");
        user("zhangsan", "张三", "sales");
        user("lisi", "李四", "sales");
        user("chenyu", "陈宇", "rd");
        user("liuyang", "刘洋", "rd");
        user("wangwu", "王五", "legal", "LEGAL");
        user("zhaoliu", "赵六", "legal", "LEGAL");
        user("qianqi", "钱七", "finance", "FINANCE");
        user("sunba", "孙八", "exec", "EXECUTIVE");
        user("zhoujiu", "周九", "exec", "EXECUTIVE");
        user("wushi", "吴十", "admin", "CUSTODIAN");
        user("zhengyi", "郑一", "finance", "CUSTODIAN");
        user("anbao", "安保", "admin", "SECURITY");
        user("auditor", "审计员", "exec", "AUDITOR");
        sealCustodian.put("seal-official", "wushi");
        sealCustodian.put("seal-contract", "wushi");
        sealCustodian.put("seal-legalrep", "wushi");
        sealCustodian.put("seal-finance", "zhengyi");
        sealCustodian.put("seal-invoice", "zhengyi");
    }

    private void dept(String id, String name, String parent, String head) {
        depts.put(id, new Dept(id, name, parent, head));
    }

    void user(String id, String name, String dept, String... roles) {
        users.put(id, new User(id, name, dept, Set.of(roles)));
    }

    @Override
    public Future<List<String>> resolve(ApproverSpec spec, ResolveContext ctx) {
        calls.computeIfAbsent(spec, k -> new AtomicInteger()).incrementAndGet();
        return Future.succeededFuture(resolveNow(spec, ctx.applicantId(), ctx.facts()));
    }

    List<String> resolveNow(ApproverSpec spec, String applicantId, Map<String, Object> facts) {
        return switch (spec.type()) {
            case ROLE -> users.values().stream().filter(u -> u.roles().contains(spec.role())).map(User::id).toList();
            case DEPT_HEAD -> {
                List<String> chain = headChain(applicantId, spec.level());
                yield chain.size() < spec.level() ? List.of() : List.of(chain.get(spec.level() - 1));
            }
            case DEPT_HEAD_CHAIN -> headChain(applicantId, spec.upToLevel());
            case SEAL_CUSTODIAN -> Facts.userIds(Facts.get(facts, "sealIds")).stream().map(sealCustodian::get)
                .filter(u -> u != null).distinct().toList();
            default -> throw new IllegalArgumentException("the engine resolves " + spec.type() + " itself");
        };
    }

    /** Heads from the applicant's department upwards; a head's own department is skipped. */
    private List<String> headChain(String applicantId, int levels) {
        User u = users.get(applicantId);
        List<String> out = new ArrayList<>();
        if (u == null) {
            return out;
        }
        Dept d = depts.get(u.dept());
        if (d != null && applicantId.equals(d.head())) {
            d = d.parent() == null ? null : depts.get(d.parent());
        }
        while (d != null && out.size() < levels) {
            out.add(d.head());
            d = d.parent() == null ? null : depts.get(d.parent());
        }
        return out;
    }

    @Override
    public Future<Map<String, String>> displayNames(Collection<String> userIds) {
        Map<String, String> out = new LinkedHashMap<>();
        userIds.forEach(id -> out.put(id, users.containsKey(id) ? users.get(id).name() : id));
        return Future.succeededFuture(out);
    }
}
