package org.chatserver.bootstrap.architecture.violations.adapter.storage.fs;

public class FsStore {
}
