package io.citebot.chat;

import io.citebot.answer.Answer;
import io.citebot.answer.AnswerStream;
import io.citebot.answer.Answerer;
import io.citebot.answer.Overview;
import io.citebot.answer.Syndication;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.IndexBackend;
import io.citebot.index.IngestProgress;
import io.citebot.index.SearchBackend;
import io.citebot.index.SearchRequest;
import io.citebot.retrieval.Diversity;
import io.citebot.retrieval.Retriever;
import io.citebot.retrieval.StoryCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The core every door calls: validate the request, retrieve, answer. It knows nothing of HTTP, Slack or the
 * command line, and nothing of Lucene beyond the index it lists articles from.
 */
public final class ChatService {

    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Retriever retriever;
    private final Answerer answerer;
    private final IndexBackend index;
    private final IngestProgress progress;
    private final Conversations conversations;
    private final QueryRewriter rewriter;
    private final FeedbackStore feedback;
    private final SearchBackend backend;
    private final Planner planner;
    private final int maxQuestionChars;
    private final PlanAnswerer plans;
    private final Catalog catalog;

    /** Where the time of a question's embedding is read, on the thread that asked (see {@code TimedEmbedder}). */
    public void timeEmbeddingWith(LongSupplier embeddingNanos) {
        plans.timeEmbeddingWith(embeddingNanos);
    }

    private volatile BooleanSupplier modelReady = () -> true;

    /** What {@link #status} asks besides the ingest before it says ready: the embedding model has loaded. */
    public void readyWhen(BooleanSupplier modelReady) {
        this.modelReady = modelReady;
    }

    /** Adds a listener told of every answer (metrics). */
    public void addObserver(AnswerObserver observer) {
        plans.addObserver(observer);
    }

    private Answer compose(Planner.Plan plan, SearchOptions options, AnswerStream out) {
        return plans.answer(plan, options, out).answer();
    }

    /**
     * @param index   the articles' metadata and counts
     * @param backend the index's read views (leads, an article's passages), the same the retriever searches
     */
    public ChatService(Retriever retriever, Answerer answerer, IndexBackend index, SearchBackend backend,
                       IngestProgress progress, Conversations conversations, QueryRewriter rewriter, int topK, int maxQuestionChars) {
        this.backend = backend;
        this.feedback = new FeedbackStore(conversations);
        this.planner = new Planner(retriever, index, backend);
        this.retriever = retriever;
        this.answerer = answerer;
        this.index = index;
        this.progress = progress;
        this.conversations = conversations;
        this.rewriter = rewriter;
        this.maxQuestionChars = maxQuestionChars;
        this.plans = new PlanAnswerer(planner, answerer, backend, topK);
        this.catalog = new Catalog(index, backend);
    }

    /** The article list and the article view. */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Answers a question within a conversation (a missing id starts one): a follow-up is rewritten into a
     * standalone question with the conversation's recent turns, and the turn is remembered.
     */
    public ChatReply ask(String question, String conversationId, SearchOptions options) {
        return ask(Conversations.LOCAL_OWNER, question, conversationId, options);
    }

    /**
     * As {@link #ask(String, String, SearchOptions)} for {@code owner}'s conversations: an id another owner started
     * is unknown to this one.
     *
     * @param owner the caller's principal (an API key's, {@link Conversations#LOCAL_OWNER} without keys, a door's)
     */
    public ChatReply ask(String owner, String question, String conversationId, SearchOptions options) {
        return converseIn(conversationId, owner, question, options, null);
    }

    /**
     * Answers a question in a conversation whose id a door derives itself from a place that already holds a
     * conversation (a Slack thread): the id starts the conversation when it is new and continues it otherwise.
     * The door must make the id unguessable (e.g. an HMAC of the place with a secret), since whoever knows it can
     * continue the conversation on the web page.
     */
    public ChatReply askInThread(String owner, String question, String threadConversationId, SearchOptions options) {
        if (threadConversationId == null || !CONVERSATION_ID.matcher(threadConversationId).matches()) {
            throw new InvalidInputException("conversationId must be 1-100 letters, digits or . _ : -");
        }
        return converse(question, threadConversationId, false, owner, options, null);
    }

    /** As {@link #ask(String, String, String, SearchOptions)}, sending the answer's text to {@code out} as it is generated. */
    public ChatReply stream(String owner, String question, String conversationId, SearchOptions options, AnswerStream out) {
        return converseIn(conversationId, owner, question, options, out);
    }

    /** A new conversation when {@code conversationId} is null, else the owner's own one (unknown otherwise). */
    private ChatReply converseIn(String conversationId, String owner, String question, SearchOptions options, AnswerStream out) {
        if (conversationId == null) {
            return converse(question, UUID.randomUUID().toString(), true, owner, options, out);
        }
        return converse(question, knownConversation(conversationId, owner), false, owner, options, out);
    }

    /**
     * @param fresh the id was just made for this question: the conversation has no turns to read, and this is its
     *              first (neither is asked of the store)
     */
    private ChatReply converse(String question, String id, boolean fresh, String owner, SearchOptions options, AnswerStream out) {
        String q = validQuestion(question);
        String searchedFor = rewriter.rewrite(q, fresh ? List.of() : conversations.recent(id));
        Answer answer = compose(planner.plan(searchedFor, options), options, out);
        long t0 = System.nanoTime();
        Turn t = new Turn(q, searchedFor, answer.text());
        String cited = FeedbackStore.citationsJson(answer);
        int turn = fresh ? conversations.start(id, owner, t, cited) : conversations.append(id, owner, t, cited);
        long stored = System.nanoTime() - t0;
        plans.stage("storage", stored);
        return new ChatReply(id, turn, answer, searchedFor);
    }

    /** An answer to a question asked with a history the caller keeps (nothing is stored here). */
    public record StatelessReply(Answer answer, String searchedFor) {
    }

    /**
     * Answers a question whose earlier turns the caller sends along (the OpenAI-compatible API is stateless): a
     * follow-up is rewritten with them, as within a stored conversation, and nothing is remembered.
     *
     * @param history earlier exchanges, oldest first; only the last few are used
     * @param out     where the answer's text goes as it is generated, or null
     */
    public StatelessReply answerWithHistory(String question, List<Turn> history, SearchOptions options, AnswerStream out) {
        String q = validQuestion(question);
        String searchedFor = rewriter.rewrite(q, history.size() > MAX_HISTORY ? history.subList(history.size() - MAX_HISTORY, history.size()) : history);
        return new StatelessReply(compose(planner.plan(searchedFor, options), options, out), searchedFor);
    }

    /** Turns of a caller's history that are read for a follow-up. */
    static final int MAX_HISTORY = 10;

    /**
     * A short cited brief about {@code topic} from these passages only (a watch's post about new articles), refused
     * when they do not support one with the same evidence an answer needs.
     */
    public Answer brief(String topic, List<Hit> hits) {
        return brief(topic, hits, null);
    }

    /** As {@link #brief(String, List)}, composed by {@code composer} (null: the answers' answerer). */
    public Answer brief(String topic, List<Hit> hits, Answerer composer) {
        Syndication.Collapsed story = Syndication.collapse(hits);
        return (composer == null ? answerer : composer).answer(Overview.question(validQuestion(topic)), story.kept()).withAlsoReportedBy(story.copies());
    }

    /**
     * The copies of these passages elsewhere in the archive (other outlets printing the same text), by passage id: a
     * watch does not post as new a report it has already posted from another outlet.
     */
    public Map<String, List<Hit>> copiesElsewhere(List<Hit> hits) {
        return StoryCopies.of(backend, hits, Filters.NONE);
    }

    /** Answers a single question, outside any conversation. */
    public Answer answer(String question, SearchOptions options) {
        return compose(planner.plan(validQuestion(question), options), options, null);
    }

    /** The passages an answer was composed from, and the answer. */
    public record Answered(List<Hit> retrieved, Answer answer) {
    }

    /** Answers a single question exactly as {@link #answer} does, and says which passages it was composed from. */
    public Answered answerWithHits(String question, SearchOptions options) {
        return plans.answer(planner.plan(validQuestion(question), options), options, null);
    }

    public Answer answer(String question) {
        return answer(question, SearchOptions.DEFAULT);
    }

    public List<Hit> search(String query, int k, SearchOptions options) {
        return search(query, k, options, false);
    }

    /**
     * The best passages for a query; with {@code byArticle}, the best passage of each of the best {@code k}
     * articles instead.
     */
    public List<Hit> search(String query, int k, SearchOptions options, boolean byArticle) {
        String q = validQuestion(query);
        if (k < 1 || k > SearchRequest.MAX_K) {
            throw new InvalidInputException("k must be between 1 and " + SearchRequest.MAX_K);
        }
        if (!byArticle) {
            return planner.retrieve(planner.plan(q, options), k, options);
        }
        List<Hit> passages = planner.retrieve(planner.plan(q, options), Math.min(SearchRequest.MAX_K, k * 5), options);
        return Diversity.bestPerArticle(passages, k);
    }

    /**
     * The best {@code k} passages for a query with each report once: copies of one report in several outlets are one
     * result, its earliest copy, carrying the others.
     */
    public Syndication.Collapsed searchStories(String query, int k, SearchOptions options) {
        List<Hit> passages = search(query, Math.min(SearchRequest.MAX_K, 2 * k), options, false);
        Syndication.Collapsed story = Syndication.collapse(passages, StoryCopies.of(backend, passages, options.filters()));
        return new Syndication.Collapsed(story.kept().subList(0, Math.min(k, story.kept().size())), story.copies());
    }

    /** The turns of the local owner's conversation, oldest first; see {@link #history(String, String)}. */
    public List<Conversations.StoredTurn> history(String conversationId) {
        return history(Conversations.LOCAL_OWNER, conversationId);
    }

    /** The turns of {@code owner}'s conversation, oldest first; empty when it is unknown, expired or another's. */
    public List<Conversations.StoredTurn> history(String owner, String conversationId) {
        if (conversationId == null || !CONVERSATION_ID.matcher(conversationId).matches()) {
            return List.of();
        }
        return conversations.turns(conversationId, owner);
    }

    /**
     * Stores a reader's vote on an answer.
     *
     * @param turn    the turn voted on (from 1), or null for the conversation's latest
     * @param comment optional, at most {@value FeedbackStore#MAX_COMMENT_CHARS} characters
     * @param door    where the vote came from ("web", "api", "slack")
     * @param voter   who voted, when the door knows it (one vote per voter and answer), or null
     */
    public FeedbackStore.Entry feedback(String conversationId, Integer turn, String rating, String comment, String door,
                                        String voter) {
        return feedback(Conversations.LOCAL_OWNER, conversationId, turn, rating, comment, door, voter);
    }

    /** As {@link #feedback(String, Integer, String, String, String, String)} on {@code owner}'s conversation. */
    public FeedbackStore.Entry feedback(String owner, String conversationId, Integer turn, String rating, String comment,
                                        String door, String voter) {
        FeedbackStore.Rating r = FeedbackStore.Rating.parse(rating);
        return feedback.vote(knownConversation(conversationId, owner), owner, turn, r, comment, door, voter);
    }

    /** The newest feedback first. */
    public List<FeedbackStore.Entry> feedback(int limit) {
        return feedback.newest(limit);
    }

    public Status status() {
        try {
            // a process that does not write (a replica that only answers) has nothing to ingest: it is ready at once
            List<String> problems = progress.problems();
            if (conversations.writeProblem() != null) {
                problems = new ArrayList<>(problems);
                problems.addFirst(conversations.writeProblem());
            }
            return new Status(modelReady.getAsBoolean() && (progress.current() || !index.writable()), progress.running(), progress.filesDone(), progress.filesTotal(),
                    progress.passagesDone(), index.articleCount(), index.passageCount(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The question normalized once for every door (see {@link Questions}), or a reason it cannot be asked. */
    private String validQuestion(String question) {
        String q = question == null ? "" : Questions.normalize(question);
        if (q.isEmpty()) {
            throw new InvalidInputException("question must not be empty");
        }
        if (Questions.length(q) > maxQuestionChars) {
            throw new InvalidInputException("question is longer than " + maxQuestionChars + " characters");
        }
        if (!Questions.searchable(q)) {
            throw new InvalidInputException("question has no letters or digits to search for");
        }
        return q;
    }

    /**
     * A conversation id the caller sends back must be one this server issued and still keeps: ids are random
     * (UUIDs), so nobody continues, or reads the topic of, a conversation they did not start by guessing "alice";
     * and one the caller owns: another API key's conversation is as unknown as a made-up id.
     */
    private String knownConversation(String id, String owner) {
        if (!CONVERSATION_ID.matcher(id).matches()) {
            throw new InvalidInputException("conversationId must be 1-100 letters, digits or . _ : -");
        }
        if (!conversations.exists(id, owner)) {
            throw new InvalidInputException("unknown or expired conversationId; leave it out to start a new conversation");
        }
        return id;
    }
}
