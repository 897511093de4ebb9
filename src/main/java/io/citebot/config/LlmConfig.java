package io.citebot.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The answer model's settings.
 *
 * @param provider    none (extractive answers), openai (any OpenAI-compatible endpoint), ollama, or jlama
 * @param apiKey      from the environment only; may be null for local endpoints
 * @param retries     further attempts after a timeout, 429 or 5xx, with exponential backoff from {@code retryDelay}
 * @param historyTurns how many earlier turns of a conversation are kept and used to rewrite follow-up questions
 */
public record LlmConfig(Provider provider, String baseUrl, String model, String apiKey, Path modelDir, Duration timeout,
                        double temperature, int maxTokens, int retries, Duration retryDelay, int historyTurns) {

    /** Where answers come from. */
    public enum Provider { NONE, OPENAI, OLLAMA, JLAMA }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "(set)") + ", modelDir=" + modelDir + ", timeout=" + timeout + ", temperature="
                + temperature + ", maxTokens=" + maxTokens + ", retries=" + retries + ", retryDelay=" + retryDelay
                + ", historyTurns=" + historyTurns + "]";
    }
}
