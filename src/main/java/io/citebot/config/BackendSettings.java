package io.citebot.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The settings of the services citebot uses (the index backend, the conversation database, the language model), read for {@link Config}. */
final class BackendSettings {

    private BackendSettings() {
    }

    static IndexSettings index(Function<Config.Key, String> get, Map<String, String> env) {
        String backend = get.apply(Config.INDEX_BACKEND).strip().toLowerCase(Locale.ROOT);
        if (backend.equals("lucene")) {
            return IndexSettings.LUCENE;
        }
        if (!backend.equals("solr")) {
            throw new ConfigException(Config.INDEX_BACKEND.env() + " must be lucene or solr, was \"" + backend + "\"");
        }
        List<String> urls = new ArrayList<>();
        for (String u : get.apply(Config.SOLR_URL).split(",")) {
            String url = u.strip().replaceAll("/+$", "");
            if (url.isEmpty()) {
                continue;
            }
            if (!url.matches("https?://[^\\s/]+/\\S*")) {
                throw new ConfigException(Config.SOLR_URL.env() + " must list Solr node URLs such as http://HOST:8983/solr, was \"" + u.strip() + "\"");
            }
            urls.add(url);
        }
        if (urls.isEmpty()) {
            throw new ConfigException(Config.SOLR_URL.env() + " is required with " + Config.INDEX_BACKEND.env() + "=solr (e.g. http://HOST:8983/solr)");
        }
        String collection = get.apply(Config.SOLR_COLLECTION).strip();
        if (!collection.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new ConfigException(Config.SOLR_COLLECTION.env() + " must be a Solr collection name (letters, digits, . _ -), was \"" + collection + "\"");
        }
        String writes = get.apply(Config.SOLR_WRITES).strip().toLowerCase(Locale.ROOT);
        if (!writes.equals("on") && !writes.equals("off")) {
            throw new ConfigException(Config.SOLR_WRITES.env() + " must be on or off, was \"" + writes + "\"");
        }
        String user = get.apply(Config.SOLR_USER).strip();
        String password = env.get(IndexSettings.SOLR_PASSWORD_ENV);
        if (user.isEmpty() != (password == null || password.isEmpty())) {
            throw new ConfigException(user.isEmpty() ? IndexSettings.SOLR_PASSWORD_ENV + " is set but " + Config.SOLR_USER.env() + " is not"
                    : Config.SOLR_USER.env() + " is set but " + IndexSettings.SOLR_PASSWORD_ENV + " is not (set it in the environment)");
        }
        return new IndexSettings(IndexSettings.Backend.SOLR, urls, collection, Config.integer(get, Config.SOLR_SHARDS, 1, 1024),
                Config.integer(get, Config.SOLR_REPLICAS, 1, 64), writes.equals("on"), user.isEmpty() ? null : user, user.isEmpty() ? null : password);
    }

    static DatabaseSettings database(Function<Config.Key, String> get, Map<String, String> env) {
        String url = get.apply(Config.DB_URL).strip();
        if (url.isEmpty()) {
            return new DatabaseSettings(null, null, null);
        }
        if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigException(Config.DB_URL.env() + " must be a jdbc:postgresql://HOST:PORT/DATABASE URL, was \"" + url + "\"");
        }
        return new DatabaseSettings(url, get.apply(Config.DB_USER), env.get(DatabaseSettings.PASSWORD_ENV));
    }

    static LlmConfig llm(Function<Config.Key, String> get, String apiKey) {
        LlmConfig.Provider provider;
        try {
            provider = LlmConfig.Provider.valueOf(get.apply(Config.LLM_PROVIDER).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Config.LLM_PROVIDER.env() + " must be none, openai, ollama or jlama, was \"" + get.apply(Config.LLM_PROVIDER) + "\"");
        }
        String baseUrl = get.apply(Config.LLM_BASE_URL);
        if (baseUrl.isBlank()) {
            baseUrl = provider == LlmConfig.Provider.OLLAMA ? "http://localhost:11434" : "https://api.openai.com/v1";
        }
        if (!baseUrl.matches("https?://[^\\s/]+.*")) {
            throw new ConfigException(Config.LLM_BASE_URL.env() + " must be an http:// or https:// URL, was \"" + baseUrl + "\"");
        }
        String model = get.apply(Config.LLM_MODEL);
        if (provider != LlmConfig.Provider.NONE && provider != LlmConfig.Provider.JLAMA && model.isBlank()) {
            throw new ConfigException(Config.LLM_MODEL.env() + " is required with " + Config.LLM_PROVIDER.env() + "=" + provider.name().toLowerCase(Locale.ROOT));
        }
        if (provider == LlmConfig.Provider.OPENAI && baseUrl.startsWith("https://api.openai.com") && (apiKey == null || apiKey.isBlank())) {
            throw new ConfigException(Config.LLM_API_KEY_ENV + " is required for api.openai.com (set it in the environment)");
        }
        String modelDir = get.apply(Config.LLM_MODEL_DIR);
        return new LlmConfig(provider, baseUrl.replaceAll("/+$", ""), model, apiKey,
                modelDir.isBlank() ? null : Path.of(modelDir), Config.duration(get, Config.LLM_TIMEOUT),
                Config.decimal(get, Config.LLM_TEMPERATURE, 0, 2), Config.integer(get, Config.LLM_MAX_TOKENS, 16, 32_000),
                Config.integer(get, Config.LLM_RETRIES, 0, 10), Config.duration(get, Config.LLM_RETRY_DELAY), Config.integer(get, Config.HISTORY_TURNS, 0, 50));
    }
}
