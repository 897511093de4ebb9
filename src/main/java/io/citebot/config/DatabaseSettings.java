package io.citebot.config;

/**
 * Where conversations and feedback live: the H2 file under the data folder (url null, the default), or a database
 * that several replicas share (PostgreSQL), so a conversation started on one continues on another.
 *
 * @param password from the environment only
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String PASSWORD_ENV = "CITEBOT_DB_PASSWORD";

    public boolean shared() {
        return url != null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + (url == null ? "H2 file" : url) + ", user=" + user + ", password=" + (password == null ? "none" : "(set)") + "]";
    }
}
