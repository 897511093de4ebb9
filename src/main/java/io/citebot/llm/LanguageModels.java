package io.citebot.llm;

import io.citebot.config.LlmConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.citebot.config.ConfigException;

/**
 * Builds the LangChain4j chat models for the configured provider. Retries are citebot's own ({@link Retry}),
 * so the models' built-in retries are off.
 */
public final class LanguageModels {

    /** A blocking and a streaming model over the same provider and settings. */
    public record Models(ChatModel chat, StreamingChatModel streaming) {
    }

    private LanguageModels() {
    }

    public static Models build(LlmConfig c) {
        return switch (c.provider()) {
            case NONE -> throw new IllegalArgumentException("no model is configured");
            case OPENAI -> new Models(
                    OpenAiChatModel.builder().baseUrl(c.baseUrl()).apiKey(apiKey(c)).modelName(c.model())
                            .temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout()).maxRetries(0).build(),
                    OpenAiStreamingChatModel.builder().baseUrl(c.baseUrl()).apiKey(apiKey(c)).modelName(c.model())
                            .temperature(c.temperature()).maxTokens(c.maxTokens()).timeout(c.timeout()).build());
            case OLLAMA -> new Models(
                    OllamaChatModel.builder().baseUrl(c.baseUrl()).modelName(c.model()).temperature(c.temperature())
                            .numPredict(c.maxTokens()).timeout(c.timeout()).maxRetries(0).build(),
                    OllamaStreamingChatModel.builder().baseUrl(c.baseUrl()).modelName(c.model()).temperature(c.temperature())
                            .numPredict(c.maxTokens()).timeout(c.timeout()).build());
            case JLAMA -> throw new ConfigException("CITEBOT_LLM_PROVIDER=jlama: LangChain4j's in-process Jlama module is not"
                    + " published for LangChain4j 1.19 (newest: 1.11.0-beta19), so this build cannot load it; use openai"
                    + " (e.g. a local llama.cpp server) or ollama");
        };
    }

    /** Local OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) accept any key; the client insists on one. */
    private static String apiKey(LlmConfig c) {
        return c.apiKey() == null || c.apiKey().isBlank() ? "not-needed" : c.apiKey();
    }
}
