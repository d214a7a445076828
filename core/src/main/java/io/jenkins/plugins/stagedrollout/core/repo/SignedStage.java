package io.jenkins.plugins.stagedrollout.core.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A signed stage stays signed: clients that check repomd.xml's signature fail on an unsigned one, or worse, are
 * told to stop checking. A change of a stage whose served snapshot is signed is refused without a signing key (a
 * new snapshot) or when it would serve an unsigned snapshot again (rollback, undo), unless the change is allowed
 * to be unsigned with a reason ({@link ChangeNote#unsigned()}).
 */
final class SignedStage {

    private final Path root;
    private final EngineOptions options;
    private final ChangeNote note;

    SignedStage(Path root, EngineOptions options, ChangeNote note) {
        this.root = root;
        this.options = options;
        this.note = note;
    }

    static boolean isSigned(Path snapshot) {
        return Files.isRegularFile(snapshot.resolve("repodata/repomd.xml.asc"));
    }

    /** Before a change that builds a new snapshot: it is signed only with a key. */
    void requireKey(SnapshotStore store, Optional<String> currentId, String label) {
        if (options.signing().isPresent() || note.unsigned() || currentId.filter(id -> isSigned(store.snapshot(id))).isEmpty()) {
            return;
        }
        String key = keyId();
        throw RepositoryException.badInput(label + " is signed (snapshot " + currentId.get() + " has repodata/repomd.xml.asc, key " + key
                        + ") and this change has no signing key: its new snapshot would be unsigned.",
                "Give the key: --gpg-home DIR --gpg-key " + key + ", or --gpg-key-file FILE with the armored secret key exported from the "
                        + "Jenkins signing credential (in Jenkins: configure that credential). To publish it unsigned anyway: --unsigned --reason TEXT.");
    }

    /** Before serving a retained snapshot again: no key can sign it now (snapshots are never changed). */
    void requireSignedTarget(SnapshotStore store, Optional<String> currentId, String targetId, String label) {
        if (note.unsigned() || currentId.filter(id -> isSigned(store.snapshot(id))).isEmpty() || isSigned(store.snapshot(targetId))) {
            return;
        }
        throw RepositoryException.badInput(label + " is signed (snapshot " + currentId.get() + ", key " + keyId() + ") and snapshot " + targetId
                        + " is not: serving it would make the stage unsigned.",
                "Pick a signed snapshot (command 'snapshots'), or promote or withdraw with the key instead; to serve it unsigned anyway: "
                        + "--unsigned --reason TEXT.");
    }

    private String keyId() {
        return options.signing().map(SigningOptions::keyId)
                .or(() -> RootSettings.read(root).map(RootSettings::signingKeyId))
                .orElse("unknown (" + RootSettings.file(root) + " names none)");
    }
}
