package io.citebot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call the HTTP API and how often.
 *
 * @param keys          API keys; when there are any, every {@code /api/*} and {@code /v1/*} route needs one
 *                      ({@code Authorization: Bearer …}); from the environment or a file, never the properties file
 * @param ratePerMinute answers a minute per key (per client address without keys); 0 for no limit
 * @param corsOrigins   web origins allowed to call the API from their pages (CORS); none by default
 * @param sourcesList   the OpenAI-compatible API appends a "Sources:" list to each answer's text
 * @param deadline      the longest an answer may take before the request gets 503
 * @param adminKeys     keys with the admin role (all feedback, backups, article writes, metrics); they are API keys
 *                      too; from the environment only
 * @param backupDir     the folder under which {@code POST /api/admin/backup} writes backups, or null for the data
 *                      folder's {@code backups/}
 */
public record ApiSettings(Set<String> keys, int ratePerMinute, List<String> corsOrigins, boolean sourcesList,
                          Duration deadline, Set<String> adminKeys, Path backupDir) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    public static final ApiSettings OPEN = new ApiSettings(Set.of(), 0, List.of(), true, DEFAULT_DEADLINE);

    public ApiSettings(Set<String> keys, int ratePerMinute, List<String> corsOrigins, boolean sourcesList) {
        this(keys, ratePerMinute, corsOrigins, sourcesList, DEFAULT_DEADLINE);
    }

    public ApiSettings(Set<String> keys, int ratePerMinute, List<String> corsOrigins, boolean sourcesList, Duration deadline) {
        this(keys, ratePerMinute, corsOrigins, sourcesList, deadline, Set.of(), null);
    }

    /** Admin keys are API keys as well: {@link #keys} holds them. */
    public ApiSettings {
        Set<String> all = new LinkedHashSet<>(keys);
        all.addAll(adminKeys);
        keys = Set.copyOf(all);
        adminKeys = Set.copyOf(adminKeys);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** The same settings with these admin keys. */
    public ApiSettings withAdminKeys(Set<String> admins) {
        return new ApiSettings(keys, ratePerMinute, corsOrigins, sourcesList, deadline, admins, backupDir);
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ApiSettings[keys=" + keys.size() + ", adminKeys=" + adminKeys.size() + ", ratePerMinute=" + ratePerMinute + ", corsOrigins=" + corsOrigins
                + ", sourcesList=" + sourcesList + ", deadline=" + deadline + ", backupDir=" + backupDir + "]";
    }
}
