package com.sealflow.server.notify;

import com.sealflow.server.db.Ids;
import com.sealflow.server.org.Directory;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** Turns a notification into an outbox e-mail, in the same transaction, when the person has an address. */
final class MailNotices {

    private final Directory directory;
    private final Outbox outbox;
    private final String locale;
    private final String publicUrl;

    MailNotices(Directory directory, Outbox outbox, String locale, String publicUrl) {
        this.directory = directory;
        this.outbox = outbox;
        this.locale = locale;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    Future<Void> onNotification(SqlConnection tx, String userId, String kind, String title, String body, String link) {
        if (!MailTemplates.mailed(kind)) {
            return Future.succeededFuture();
        }
        return directory.user(tx, userId).compose(u -> {
            if (u.isEmpty() || !u.get().active() || u.get().email() == null || u.get().email().isBlank()) {
                return Future.succeededFuture();
            }
            MailTemplates.Mail mail = MailTemplates.render(locale, kind, u.get().name(), title, body,
                link == null ? null : publicUrl + link);
            return outbox.enqueue(tx, Ids.newId(), Outbox.MAIL, u.get().email(), kind, mail.subject(), mail.text());
        });
    }
}
