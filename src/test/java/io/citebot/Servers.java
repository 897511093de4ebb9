package io.citebot;

import io.citebot.chat.ArticleService;
import io.citebot.chat.ChatService;
import io.citebot.http.HttpServer;
import io.citebot.openai.OpenAiDoor;
import io.citebot.web.WebDoor;

/** The HTTP server as {@code citebot serve} composes it (without Slack): the JSON API and chat page, and {@code /v1}. */
public final class Servers {

    private Servers() {
    }

    /** A server whose JSON API does not take articles. */
    public static HttpServer.Builder of(ChatService chat) {
        return of(chat, null);
    }

    /** A server whose JSON API writes articles through {@code articles}. */
    public static HttpServer.Builder of(ChatService chat, ArticleService articles) {
        return HttpServer.builder(chat).door(new WebDoor(chat, articles, null)).door(new OpenAiDoor(chat));
    }

    /** The server as serve composes it for {@code bot}, watches included. */
    public static HttpServer.Builder of(Citebot bot) {
        return HttpServer.builder(bot.chat()).door(new WebDoor(bot.chat(), bot.articles(), bot.watches()))
                .door(new OpenAiDoor(bot.chat()));
    }
}
