package io.citebot.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.rag.content.Content;
import io.citebot.index.Hit;
import io.citebot.llm.Retry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a language model: the question and the numbered passages go into the prompt templates, the
 * model's answer comes back through {@link CitationValidator}. Weak evidence is refused before any model call.
 * A provider fault (timeout, 429, 5xx, unreadable response), after bounded retries, falls back to the
 * extractive answer marked {@code fallback: "llm unavailable"}.
 */
public final class LlmAnswerer implements Answerer {

    private static final Logger log = LoggerFactory.getLogger(LlmAnswerer.class);
    public static final String FALLBACK = "llm unavailable";

    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final Prompts prompts;
    private final ExtractiveAnswerer extractive;
    private final CitationValidator validator;
    private final Retry retry;
    private final Duration timeout;
    private final NumberedPassageInjector injector;

    /**
     * @param extractive the gate (its evidence strength and threshold) and the fallback
     * @param timeout    the longest a single model call may take; a stream is abandoned after that per attempt
     */
    public LlmAnswerer(ChatModel chat, StreamingChatModel streaming, Prompts prompts, ExtractiveAnswerer extractive,
                       CitationValidator validator, Retry retry, Duration timeout) {
        this.chat = chat;
        this.streaming = streaming;
        this.prompts = prompts;
        this.extractive = extractive;
        this.validator = validator;
        this.retry = retry;
        this.timeout = timeout;
        this.injector = new NumberedPassageInjector(prompts.answer());
    }

    /** The messages sent to the model: the system prompt, and the question with the passages injected. */
    List<ChatMessage> messages(String question, List<Hit> hits) {
        List<Content> contents = hits.stream().map(h -> Content.from(h.toTextSegment())).toList();
        return List.of(SystemMessage.from(prompts.system()), injector.inject(contents, UserMessage.from(question)));
    }

    @Override
    public boolean usesModel() {
        return true;
    }

    @Override
    public Answer answer(String question, List<Hit> hits) {
        double evidence = extractive.evidence(question, hits);
        if (extractive.refuses(evidence, hits)) {
            return extractive.refusal(question, hits, evidence);
        }
        List<ChatMessage> messages = messages(question, hits);
        try {
            String text = retry.call(() -> chat.chat(messages).aiMessage().text());
            return validator.validate(text, hits, evidence);
        } catch (Exception e) {
            return fallback(question, hits, e);
        }
    }

    @Override
    public Answer stream(String question, List<Hit> hits, AnswerStream out) {
        double evidence = extractive.evidence(question, hits);
        if (extractive.refuses(evidence, hits)) {
            Answer refusal = extractive.refusal(question, hits, evidence);
            out.token(refusal.text());
            return refusal;
        }
        ChatRequest request = ChatRequest.builder().messages(messages(question, hits)).build();
        for (int attempt = 0; ; attempt++) {
            Attempt a = new Attempt(out);
            streaming.chat(request, a);
            try {
                String text = a.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return validator.validate(text, hits, evidence);
            } catch (Exception e) {
                a.cancel();
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (out.cancelled()) {
                    log.info("Client went away; generation cancelled");
                    return Answer.refusal(ExtractiveAnswerer.REFUSAL, evidence).withFallback("cancelled");
                }
                // retry only while nothing has been shown: a half-streamed answer cannot be taken back
                if (a.tokens.get() || attempt >= retry.retries() || !(Retry.retriable(cause) || cause instanceof TimeoutException)) {
                    Answer fallback = fallback(question, hits, cause);
                    out.token((a.tokens.get() ? "\n\n" : "") + fallback.text());
                    return fallback;
                }
                log.warn("Streaming model call failed ({}); retry {} of {}", Retry.describe(cause), attempt + 1, retry.retries());
                sleep(retry.delay(attempt));
            }
        }
    }

    private Answer fallback(String question, List<Hit> hits, Throwable cause) {
        log.warn("Model unavailable ({}); answering extractively", Retry.describe(cause));
        return extractive.answer(question, hits).withFallback(FALLBACK);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One streaming call: forwards tokens, collects the whole text, stops when the receiver leaves. */
    private static final class Attempt implements StreamingChatResponseHandler {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final AtomicBoolean tokens = new AtomicBoolean();
        private final AnswerStream out;
        private volatile StreamingHandle handle;

        Attempt(AnswerStream out) {
            this.out = out;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (out.cancelled()) {
                handle.cancel();
                result.completeExceptionally(new CancellationException("client went away"));
                return;
            }
            tokens.set(true);
            out.token(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            result.complete(response.aiMessage().text());
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        void cancel() {
            var h = handle;
            if (h != null && !h.isCancelled()) {
                h.cancel();
            }
        }
    }
}
