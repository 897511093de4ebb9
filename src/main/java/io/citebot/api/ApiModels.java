package io.citebot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.answer.ShortAnswer;
import io.citebot.answer.Timeline;
import io.citebot.chat.ChatReply;
import io.citebot.chat.Conversations;
import io.citebot.chat.FeedbackStore;
import io.citebot.chat.Status;
import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore;
import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import io.citebot.index.StoredArticle;
import io.citebot.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the HTTP API and of the CLI's {@code --json} output, in one place so they stay equal. */
public final class ApiModels {

    private ApiModels() {
    }

    /** {@code unsupported}, {@code fallback} and {@code related} (a refusal's closest articles) appear only when they say something. */
    public record AnswerJson(String answer, boolean refused, List<AnswerCitationJson> citations,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AnswerCitationJson> related,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unsupported,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String fallback,
                             @JsonInclude(JsonInclude.Include.NON_NULL) ShortAnswer shortAnswer) {
        public static AnswerJson of(Answer a) {
            return new AnswerJson(a.text(), a.refused(), AnswerCitationJson.all(a.citations()), AnswerCitationJson.all(a.related()),
                    a.unsupported(), a.fallback(), a.shortAnswer());
        }
    }

    /** A citation as the CLI prints it: the copies of its report named as the HTTP APIs name them ({@link CopyJson}). */
    public record AnswerCitationJson(int n, String articleId, String title, String source, LocalDate date, String url,
                                     String passageId, String text, List<CopyJson> alsoReportedBy) {
        static List<AnswerCitationJson> all(List<Citation> citations) {
            return citations.stream().map(c -> new AnswerCitationJson(c.n(), c.articleId(), c.title(), c.source(), c.date(), c.url(),
                    c.passageId(), c.text(), c.alsoReportedBy().stream().map(CopyJson::of).toList())).toList();
        }
    }

    public record ChatJson(String conversationId, int turn, String answer, boolean refused, List<CitationJson> citations,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CitationJson> related,
                           String searchedFor,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unsupported,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String fallback,
                           @JsonInclude(JsonInclude.Include.NON_NULL) ShortAnswer shortAnswer,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Timeline.Event> timeline) {
        public static ChatJson of(ArticleLinks links, ChatReply r) {
            Answer a = r.answer();
            return new ChatJson(r.conversationId(), r.turn(), a.text(), a.refused(), CitationJson.all(links, a.citations()),
                    CitationJson.all(links, a.related()), r.searchedFor(), a.unsupported(), a.fallback(), a.shortAnswer(),
                    a.timeline());
        }
    }

    /**
     * A citation as the JSON API gives it: the passage and its article, and {@code link}, where a reader goes to
     * see it (the article's own URL, else this server's view of the article at the passage, signed when keys are set).
     */
    public record CitationJson(int n, String articleId, String title, String source, LocalDate date, String url,
                               String passageId, String text, String link,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CopyJson> alsoReportedBy) {
        public static List<CitationJson> all(ArticleLinks links, List<Citation> citations) {
            return citations.stream().map(c -> new CitationJson(c.n(), c.articleId(), c.title(), c.source(), c.date(), c.url(),
                    c.passageId(), c.text(), links.of(c), c.alsoReportedBy().stream().map(CopyJson::of).toList())).toList();
        }
    }

    /** Another outlet's copy of a cited report. */
    public record CopyJson(String articleId, String source, String url, String title, LocalDate date) {
        static CopyJson of(ArticleRef a) {
            return new CopyJson(a.id(), a.source(), a.url(), a.title(), a.date());
        }
    }

    /** One earlier turn of a conversation, for a page that continues it. */
    public record TurnJson(int turn, String question, String answer, Instant at) {
        public static TurnJson of(Conversations.StoredTurn t) {
            return new TurnJson(t.seq(), t.turn().question(), t.turn().answer(), t.at());
        }
    }

    public record ConversationJson(String conversationId, List<TurnJson> turns) {
    }

    /** A stored vote; citations as they were kept with the answer. */
    public record FeedbackJson(long id, Instant at, String conversationId, int turn, String rating,
                               String comment, String door, String question, String answer,
                               JsonNode citations) {
        public static FeedbackJson of(FeedbackStore.Entry e) {
            JsonNode citations;
            try {
                citations = MAPPER.readTree(e.citationsJson());
            } catch (JsonProcessingException ex) {
                citations = MAPPER.createArrayNode();
            }
            return new FeedbackJson(e.id(), e.at(), e.conversationId(), e.turn(), e.rating().wire(), e.comment(), e.door(),
                    e.question(), e.answer(), citations);
        }
    }

    public record FeedbackListJson(List<FeedbackJson> feedback) {
    }

    private static final ObjectMapper MAPPER = Json.mapper();

    /** @param alsoReportedBy with {@code collapse=story}: other outlets' copies of this passage's report */
    public record SearchResultJson(String articleId, String passageId, String title, String source, LocalDate date,
                                   double score, String text,
                                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CopyJson> alsoReportedBy) {
        public static SearchResultJson of(Hit h) {
            return of(h, List.of());
        }

        static SearchResultJson of(Hit h, List<ArticleRef> copies) {
            return new SearchResultJson(h.article().id(), h.passage().id(), h.article().title(), h.article().source(),
                    h.article().date(), Math.round(h.score() * 1e4) / 1e4, h.passage().text(),
                    copies.stream().map(CopyJson::of).toList());
        }
    }

    public record SearchJson(List<SearchResultJson> results) {
        public static SearchJson of(List<Hit> hits) {
            return new SearchJson(hits.stream().map(SearchResultJson::of).toList());
        }

        /** Results with each report once, carrying its other copies. */
        public static SearchJson of(List<Hit> hits, Map<String, List<ArticleRef>> copies) {
            return new SearchJson(hits.stream().map(h -> SearchResultJson.of(h, copies.getOrDefault(h.passage().id(), List.of())))
                    .toList());
        }
    }

    public record ArticleJson(String id, String title, String source, LocalDate date, String url, int passages) {
        public static ArticleJson of(StoredArticle a) {
            return new ArticleJson(a.id(), a.title(), a.source(), a.date(), a.url(), a.passages());
        }
    }

    /** @param next the {@code after} of the next page; absent on the last */
    public record ArticlesJson(List<ArticleJson> articles, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    public record IngestJson(boolean running, int filesDone, int filesTotal, int passagesDone) {
    }

    /** {@code problems}: files the last ingest could not read, shown until they are fixed. */
    public record HealthJson(String status, boolean ready, int articles, int passages, IngestJson ingest,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<?> feeds) {
        public static HealthJson of(Status s) {
            return of(s, List.of());
        }

        /** @param feeds what the feed follower says of each feed */
        public static HealthJson of(Status s, List<?> feeds) {
            return new HealthJson("ok", s.ready(), s.articles(), s.passages(),
                    new IngestJson(s.ingesting(), s.filesDone(), s.filesTotal(), s.passagesDone()), s.problems(), feeds);
        }
    }

    /**
     * A watch as the API shows it, with its latest post ({@code lastPost}: when it was made, whether it arrived, the
     * last error).
     */
    public record WatchJson(String id, String query, LocalDate from, LocalDate to, String source, String webhookUrl,
                            String slackChannel, Instant createdAt, String paused, String digest,
                            @JsonInclude(JsonInclude.Include.NON_NULL) PostJson lastPost) {
        public static WatchJson of(Watch w, Optional<WatchStore.Delivery> last) {
            return new WatchJson(w.id(), w.query(), w.from(), w.to(), w.source(), w.webhookUrl(), w.slackChannel(), w.createdAt(),
                    w.paused(), w.digestAt() == null ? null : w.digestAt().toString(), last.map(d -> new PostJson(d.id(), d.createdAt(), d.deliveredAt() != null, d.attempts(), d.error()))
                            .orElse(null));
        }
    }

    public record PostJson(String id, Instant at, boolean delivered, int attempts, String error) {
    }

    public record WatchesJson(List<WatchJson> watches) {
    }

    public record ErrorJson(String error) {
    }
}
