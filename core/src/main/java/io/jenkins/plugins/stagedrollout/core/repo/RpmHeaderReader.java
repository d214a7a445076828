package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the NEVRA from an RPM file's lead and header (a few kilobytes, never the payload), so that
 * a non-RPM or corrupt file is refused before anything is published.
 */
final class RpmHeaderReader {

    private static final int LEAD_MAGIC = 0xEDABEEDB;
    private static final int HEADER_MAGIC = 0x8EADE801;
    private static final int LEAD_SIZE = 96;
    private static final int MAX_INDEX_ENTRIES = 100_000;
    private static final int MAX_STORE_SIZE = 64 * 1024 * 1024;
    private static final int TAG_NAME = 1000;
    private static final int TAG_VERSION = 1001;
    private static final int TAG_RELEASE = 1002;
    private static final int TAG_EPOCH = 1003;
    private static final int TAG_ARCH = 1022;
    private static final int TAG_SOURCEPACKAGE = 1106;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;

    private RpmHeaderReader() {
    }

    static RpmPackage read(Path file) {
        String fileName = file.getFileName().toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 16 * 1024))) {
            if (in.readInt() != LEAD_MAGIC) {
                throw notAnRpm(file, "it has no RPM lead magic");
            }
            skipFully(in, LEAD_SIZE - 4);
            int signatureStoreSize = skipHeader(in, file, "signature");
            skipFully(in, (8 - signatureStoreSize % 8) % 8);
            Map<Integer, Object> tags = readHeader(in, file);
            String name = string(tags, TAG_NAME, file);
            String version = string(tags, TAG_VERSION, file);
            String release = string(tags, TAG_RELEASE, file);
            String arch = tags.containsKey(TAG_SOURCEPACKAGE) ? "src" : string(tags, TAG_ARCH, file);
            int epoch = tags.get(TAG_EPOCH) instanceof Integer e ? e : 0;
            return RpmPackage.of(fileName, name, epoch, version, release, arch);
        } catch (EOFException e) {
            throw notAnRpm(file, "it ends inside its header (truncated)");
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot read '" + file + "': " + e.getMessage() + ".",
                    "Check that the file is readable by the user running staged-rollout.", e);
        }
    }

    private static int skipHeader(DataInputStream in, Path file, String which) throws IOException {
        int[] sizes = headerSizes(in, file, which);
        skipFully(in, 16L * sizes[0] + sizes[1]);
        return sizes[1];
    }

    private static int[] headerSizes(DataInputStream in, Path file, String which) throws IOException {
        if (in.readInt() != HEADER_MAGIC) {
            throw notAnRpm(file, "its " + which + " header has no header magic");
        }
        in.readInt();
        int entries = in.readInt();
        int storeSize = in.readInt();
        if (entries < 0 || entries > MAX_INDEX_ENTRIES || storeSize < 0 || storeSize > MAX_STORE_SIZE) {
            throw notAnRpm(file, "its " + which + " header sizes are impossible");
        }
        return new int[] {entries, storeSize};
    }

    private static Map<Integer, Object> readHeader(DataInputStream in, Path file) throws IOException {
        int[] sizes = headerSizes(in, file, "main");
        int[][] index = new int[sizes[0]][];
        for (int i = 0; i < sizes[0]; i++) {
            index[i] = new int[] {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
        }
        byte[] store = new byte[sizes[1]];
        in.readFully(store);
        Map<Integer, Object> tags = new HashMap<>();
        for (int[] entry : index) {
            int tag = entry[0];
            int type = entry[1];
            int offset = entry[2];
            if (offset < 0 || offset >= store.length) {
                continue;
            }
            if (type == TYPE_STRING && tag >= TAG_NAME && tag <= TAG_ARCH) {
                int end = offset;
                while (end < store.length && store[end] != 0) {
                    end++;
                }
                tags.put(tag, new String(store, offset, end - offset, StandardCharsets.UTF_8));
            } else if (type == TYPE_INT32 && offset + 4 <= store.length) {
                tags.put(tag, ((store[offset] & 0xff) << 24) | ((store[offset + 1] & 0xff) << 16)
                        | ((store[offset + 2] & 0xff) << 8) | (store[offset + 3] & 0xff));
            }
        }
        return tags;
    }

    private static String string(Map<Integer, Object> tags, int tag, Path file) {
        if (tags.get(tag) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw notAnRpm(file, "its header lacks tag " + tag);
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static RepositoryException notAnRpm(Path file, String why) {
        return RepositoryException.badInput("'" + file.getFileName() + "' in " + file.getParent() + " is not a valid RPM package: " + why + ".",
                "Remove or rebuild the file, then run the promotion again.");
    }
}
