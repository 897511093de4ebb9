package io.citebot.chat;

import io.citebot.answer.Answer;
import io.citebot.answer.Answerer;
import io.citebot.index.ArticleIndex;
import io.citebot.index.IngestProgress;
import io.citebot.index.StoredArticle;
import io.citebot.retrieval.Hit;
import io.citebot.retrieval.Retriever;
import io.citebot.retrieval.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The core every door calls: validate the request, retrieve, answer. It knows nothing of HTTP, Slack or the
 * command line, and nothing of Lucene beyond the index it lists articles from.
 */
public final class ChatService {

    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Retriever retriever;
    private final Answerer answerer;
    private final ArticleIndex index;
    private final IngestProgress progress;
    private final int topK;
    private final int maxQuestionChars;

    public ChatService(Retriever retriever, Answerer answerer, ArticleIndex index, IngestProgress progress,
                       int topK, int maxQuestionChars) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.index = index;
        this.progress = progress;
        this.topK = topK;
        this.maxQuestionChars = maxQuestionChars;
    }

    /** Answers a question; a missing conversation id starts a new conversation. */
    public ChatReply ask(String question, String conversationId) {
        String q = validQuestion(question);
        String id = conversationId == null ? UUID.randomUUID().toString() : validConversationId(conversationId);
        return new ChatReply(id, answer(q));
    }

    /** Answers a single question, outside any conversation. */
    public Answer answer(String question) {
        String q = validQuestion(question);
        List<Hit> hits = retriever.retrieve(new SearchRequest(q, topK));
        return answerer.answer(q, hits);
    }

    public List<Hit> search(String query, int k) {
        String q = validQuestion(query);
        if (k < 1 || k > SearchRequest.MAX_K) {
            throw new InvalidInputException("k must be between 1 and " + SearchRequest.MAX_K);
        }
        return retriever.retrieve(new SearchRequest(q, k));
    }

    public List<StoredArticle> articles() {
        try {
            return List.copyOf(index.articles().values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Status status() {
        try {
            return new Status(progress.current(), progress.running(), progress.filesDone(), progress.filesTotal(),
                    index.articleCount(), index.passageCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String validQuestion(String question) {
        if (question == null || question.isBlank()) {
            throw new InvalidInputException("question must not be empty");
        }
        if (question.length() > maxQuestionChars) {
            throw new InvalidInputException("question is longer than " + maxQuestionChars + " characters");
        }
        return question.strip();
    }

    private static String validConversationId(String id) {
        if (!CONVERSATION_ID.matcher(id).matches()) {
            throw new InvalidInputException("conversationId must be 1-100 letters, digits or . _ : -");
        }
        return id;
    }
}
