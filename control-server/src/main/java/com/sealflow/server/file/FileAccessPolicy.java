package com.sealflow.server.file;

import com.sealflow.server.web.CurrentUser;
import io.vertx.core.Future;

/**
 * Who besides the uploader may read a file. The request module registers one answering "the file is attached
 * to a request this user may see" (applicant, approvers, custodians…). Any policy saying yes is enough.
 */
public interface FileAccessPolicy {
    Future<Boolean> mayRead(CurrentUser user, StoredFile file);
}
