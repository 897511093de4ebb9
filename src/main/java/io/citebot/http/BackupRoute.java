package io.citebot.http;

import io.citebot.chat.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code POST /api/admin/backup} {"dir"}: an admin key's backups go into a new folder under the backup folder (a
 * relative dir resolves there); {@code citebot backup DIR} on this machine, which shows the local token from the
 * data folder's server.json (readable by its owner only), may write where it was told (an absolute path).
 */
final class BackupRoute {

    private final Function<Path, Object> make;
    private final Path folder;
    private final Access access;
    private final JsonInput input;

    BackupRoute(Function<Path, Object> make, Path folder, Access access, JsonInput input) {
        this.make = make;
        this.folder = folder.toAbsolutePath().normalize();
        this.access = access;
        this.input = input;
    }

    void handle(Context ctx) {
        boolean local = Access.isLocalCommand(ctx);
        if (!local) {
            access.requireAdmin(ctx);
        }
        String dir = JsonInput.requiredString(input.body(ctx, HttpServer.MAX_REQUEST_BYTES), "dir");
        Path target;
        try {
            target = local ? Path.of(dir) : folder.resolve(dir).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException("\"dir\" is not a usable path: " + e.getReason());
        }
        if (local && !target.isAbsolute()) {
            throw new InvalidInputException("\"dir\" must be an absolute path");
        }
        if (!local && !insideBackupFolder(target)) {
            throw new HttpResponseException(403, "backups go into a new folder under the backup folder (CITEBOT_BACKUP_DIR)");
        }
        try {
            ctx.status(201).json(make.apply(target));
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("could not write the backup to " + target + ": " + e.getCause().getMessage());
        }
    }

    /** Whether {@code target} lies below the backup folder, also when followed through links (made if missing). */
    private boolean insideBackupFolder(Path target) {
        if (!target.startsWith(folder) || target.equals(folder)) {
            return false;
        }
        try {
            Files.createDirectories(folder);
            Path existing = target;
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            throw new InvalidInputException("the backup folder " + folder + " cannot be used: " + e.getMessage());
        }
    }
}
