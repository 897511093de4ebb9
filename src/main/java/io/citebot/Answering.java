package io.citebot;

import io.citebot.answer.Answerer;
import io.citebot.answer.CitationValidator;
import io.citebot.answer.ExtractiveAnswerer;
import io.citebot.answer.LlmAnswerer;
import io.citebot.answer.Prompts;
import io.citebot.chat.EntityCarryingRewriter;
import io.citebot.chat.LlmRewriter;
import io.citebot.chat.QueryRewriter;
import io.citebot.config.Config;
import io.citebot.config.LlmConfig;
import io.citebot.index.IndexBackend;
import io.citebot.llm.LanguageModels;
import io.citebot.llm.Retry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering part of the wiring: the extractive answerer always (it is also the model's fallback), the model's
 * answerer and follow-up rewriter when a model is configured.
 *
 * @param extractive      the answerer without a model
 * @param answerer        the one questions go to
 * @param rewriter        how follow-ups become standalone questions
 * @param watchExtractive the answerer without a model at the watches' evidence threshold: which new articles match
 * @param watchBriefs     the one a watch's post is composed by, at that threshold (the model's when one is configured)
 */
record Answering(ExtractiveAnswerer extractive, Answerer answerer, QueryRewriter rewriter, ExtractiveAnswerer watchExtractive,
                 Answerer watchBriefs) {

    private static final Logger log = LoggerFactory.getLogger(Answering.class);

    static Answering from(Config config, IndexBackend index, Prompts prompts) {
        ExtractiveAnswerer extractive = new ExtractiveAnswerer(index.analysis(), index::idf, config.answerSentences(),
                config.minConfidence(), config.minLexicalConfidence());
        double watchMin = config.watches().minConfidence();
        ExtractiveAnswerer watchExtractive = new ExtractiveAnswerer(index.analysis(), index::idf, config.answerSentences(),
                watchMin, Math.min(watchMin, config.minLexicalConfidence()));
        LlmConfig llm = config.llm();
        if (!llm.enabled()) {
            return new Answering(extractive, extractive, new EntityCarryingRewriter(), watchExtractive, watchExtractive);
        }
        LanguageModels.Models models = LanguageModels.build(llm);
        Retry retry = new Retry(llm.retries(), llm.retryDelay());
        Answerer answerer = new LlmAnswerer(models.chat(), models.streaming(), prompts, extractive,
                new CitationValidator(index.analysis()), retry, llm.timeout());
        Answerer watchBriefs = new LlmAnswerer(models.chat(), models.streaming(), prompts, watchExtractive,
                new CitationValidator(index.analysis()), retry, llm.timeout());
        log.info("Answers come from {} model {} at {}", llm.provider().name().toLowerCase(Locale.ROOT), llm.model(), llm.baseUrl());
        return new Answering(extractive, answerer, new LlmRewriter(models.chat(), prompts.condense(), retry), watchExtractive, watchBriefs);
    }
}
