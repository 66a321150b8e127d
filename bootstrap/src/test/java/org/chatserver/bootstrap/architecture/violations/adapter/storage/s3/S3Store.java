package org.chatserver.bootstrap.architecture.violations.adapter.storage.s3;

import org.chatserver.bootstrap.architecture.violations.adapter.storage.fs.FsStore;

/** Breaks "adapters do not depend on each other" within a family of interchangeable adapters. */
public class S3Store {

    FsStore fallback;
}
