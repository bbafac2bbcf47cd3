package com.sealflow.server.security;

import com.sealflow.server.TestHttp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The authorisation matrix: rows of (operation, concrete call, who may) run over every actor with real HTTP,
 * each answer classified and compared with the expectation. Denied actors run before allowed ones so a row's
 * own successful call cannot change what the denied calls see.
 */
final class Matrix {

    /** What an answer means for authorisation. */
    enum Outcome { ALLOWED, DENIED, UNAUTHENTICATED, REJECTED }

    /** How a row treats its actors. */
    enum Kind {
        /** Logged-in actors in {@code allowed} pass, other logged-in actors get 403/404, anonymous gets 401. */
        GUARDED,
        /** Everyone, anonymous included, passes (login, csrf, the document). */
        PUBLIC,
        /** The call carries its own credential (setup token, enrolment code, device token): a forged one is a 4xx for all. */
        CREDENTIAL,
        /** Guarded, on an object that does not exist: allowed actors get its 404, other logged-in actors the role's 403. */
        ABSENT
    }

    /**
     * One row. {@code op} is the documented operation ({@code "POST /api/seals/{id}/suspend"}); {@code path} and
     * {@code body} give the call per actor; {@code forged} is the same call on an id that does not exist (null when
     * the row names no object), and {@code seers} are the actors who may read that object: for everyone else a
     * denial on the real object must look exactly like one on the forged id. A listing row names in {@code hidden}
     * an id that only {@code seers} may find in the list.
     */
    record Row(String op, Kind kind, Set<String> allowed, Function<String, String> path, Function<String, String> body,
               String forged, Set<String> seers, String hidden) {

        Row(String op, Kind kind, Set<String> allowed, Function<String, String> path, Function<String, String> body,
            String forged, Set<String> seers) {
            this(op, kind, allowed, path, body, forged, seers, null);
        }

        String method() {
            return op.substring(0, op.indexOf(' '));
        }
    }

    /** A cell whose answer broke the rule. */
    record Violation(String op, String actor, int status, String why) {
        @Override
        public String toString() {
            return op + " as " + actor + " -> " + status + ": " + why;
        }
    }

    static final String ANON = "anonymous";

    private final Function<String, TestHttp> sessions;
    private final List<String> actors;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> ops = new LinkedHashSet<>();
    private int cells;

    Matrix(List<String> actors, Function<String, TestHttp> sessions) {
        this.actors = actors;
        this.sessions = sessions;
    }

    static Outcome classify(int status) {
        if (status == 401) {
            return Outcome.UNAUTHENTICATED;
        }
        if (status == 403 || status == 404) {
            return Outcome.DENIED;
        }
        return status >= 400 && status != 400 && status != 409 && status != 413 && status != 415 && status != 422
            ? Outcome.REJECTED : Outcome.ALLOWED;
    }

    Outcome expected(Row row, String actor) {
        return switch (row.kind()) {
            case PUBLIC -> Outcome.ALLOWED;
            case CREDENTIAL -> Outcome.REJECTED;
            case GUARDED, ABSENT -> ANON.equals(actor) ? Outcome.UNAUTHENTICATED
                : row.allowed().contains(actor) ? Outcome.ALLOWED : Outcome.DENIED;
        };
    }

    void run(Row row) {
        ops.add(row.op());
        List<String> order = new ArrayList<>();
        actors.stream().filter(a -> expected(row, a) != Outcome.ALLOWED).forEach(order::add);
        actors.stream().filter(a -> expected(row, a) == Outcome.ALLOWED).forEach(order::add);
        for (String actor : order) {
            cells++;
            TestHttp http = sessions.apply(actor);
            TestHttp.Res res = send(http, row.method(), row.path().apply(actor), row.body().apply(actor));
            Outcome want = expected(row, actor);
            Outcome got = classify(res.status());
            boolean ok = want == Outcome.REJECTED ? res.status() >= 400 && res.status() < 500 : got == want;
            if (row.kind() == Kind.ABSENT && want == Outcome.ALLOWED) {
                ok = res.status() == 404;
            } else if (row.kind() == Kind.ABSENT && want == Outcome.DENIED) {
                ok = res.status() == 403;
            }
            if (res.status() >= 500 || !ok) {
                fail(row, actor, res, "expected " + want + ", got " + got + " " + abbreviate(res.body()));
                continue;
            }
            if (res.status() >= 400 && !String.valueOf(res.contentType()).startsWith("application/problem+json")) {
                fail(row, actor, res, "error is not problem+json: " + res.contentType());
            }
            if (row.hidden() != null && res.status() < 300 && !row.seers().contains(actor) && res.body().contains(row.hidden())) {
                fail(row, actor, res, "the list shows " + row.hidden() + " to someone who may not see it");
            }
            if (row.hidden() != null && res.status() < 300 && row.seers().contains(actor) && !res.body().contains(row.hidden())) {
                fail(row, actor, res, "the list hides " + row.hidden() + " from someone who should find it");
            }
            if (want == Outcome.DENIED && row.forged() != null && !row.seers().contains(actor)) {
                TestHttp.Res forged = send(http, row.method(), row.forged(), row.body().apply(actor));
                cells++;
                if (forged.status() != res.status()) {
                    fail(row, actor, res, "leaks existence: the real object answers " + res.status() + ", a forged id "
                        + forged.status());
                }
            }
        }
    }

    /** A cell checked outside a row (uploads, the event stream, logout): same rules. */
    void record(String op, String actor, Outcome want, TestHttp.Res res) {
        ops.add(op);
        cells++;
        Outcome got = classify(res.status());
        if (res.status() >= 500 || got != want) {
            violations.add(new Violation(op, actor, res.status(), "expected " + want + ", got " + got + " " + abbreviate(res.body())));
        }
    }

    private void fail(Row row, String actor, TestHttp.Res res, String why) {
        violations.add(new Violation(row.op(), actor, res.status(), why));
    }

    static TestHttp.Res send(TestHttp http, String method, String path, String body) {
        return http.send(method, path, body, body == null ? null : "application/json");
    }

    List<Violation> violations() {
        return violations;
    }

    Set<String> ops() {
        return ops;
    }

    int cells() {
        return cells;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
