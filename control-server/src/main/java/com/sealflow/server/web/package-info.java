/**
 * HTTP infrastructure every feature module uses. How a module serves its part of the API:
 *
 * <pre>{@code
 * public final class SealRoutes implements ApiRoutes {
 *     public void mount(Router r) {
 *         r.get("/api/seals").handler(Access.requireAuth()).handler(this::list);
 *         r.post("/api/seals").handler(Access.requireRole(Role.SEAL_ADMIN, Role.ADMIN)).handler(this::create);
 *     }
 *     public String openApiFragment() { return "openapi/seal.json"; }   // paths + components.schemas
 *
 *     private void create(RoutingContext ctx) {
 *         CurrentUser me = CurrentUser.of(ctx);              // 401 problem when nobody is logged in
 *         JsonBody body = JsonBody.of(ctx);                  // 400/415 problems for malformed JSON / wrong types
 *         String name = body.string("name");                 // 400 naming the field when missing or not a string
 *         db.inTransaction(tx -> seals.create(tx, me, name)  // throw ProblemException for 404/409/422
 *                 .compose(s -> audit.append(tx, me.id(), "seal.create", "seal", s.id(), s.toJson()).map(s)))
 *             .onSuccess(s -> Replies.created(ctx, s.toJson()))
 *             .onFailure(ctx::fail);                         // everything ends in Problems: problem+json
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The platform has already parsed the body (1 MB limit, 413 beyond; ask for more with
 *       {@link com.sealflow.server.web.ApiRoutes#bodyLimits()}), resolved the caller (session cookie or
 *       {@code Bearer sfp_...} token), checked CSRF for cookie-authenticated mutations and claimed the
 *       {@code Idempotency-Key}. Answer through {@link com.sealflow.server.web.Replies} so retries replay.</li>
 *   <li>Throw {@link com.sealflow.server.web.ProblemException} inside {@code map}/{@code compose}, never inside
 *       {@code onSuccess} (Vert.x does not route exceptions thrown there: the request would hang).</li>
 *   <li>Lists: {@link com.sealflow.server.web.Paging} ({@code ?page=1&size=20} → {@code {items, page, size, total}}).</li>
 *   <li>Readiness: {@code platform.health().register("broker", () -> ...)}.</li>
 * </ul>
 */
package com.sealflow.server.web;
