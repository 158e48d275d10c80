package dev.jvmaudit.agent.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://user:pw@host/a?token=x|http://host/a",
            "https://api.example.com:8443/v1/items?key=secret#frag|https://api.example.com:8443/v1/items",
            "http://[::1]:8080/x?a=b|http://[::1]:8080/x",
            "http://token@127.0.0.1/|http://127.0.0.1/",
            "http://b%C3%BCcher.example/p?q=1|http://b%C3%BCcher.example/p",
            "http://us er:p w@bad host/a b?c=d|http://bad host/a b",
            "not a url?secret=1|not a url",
            "http://host|http://host",
    })
    void noUserInfoQueryOrFragment(String url, String expected) {
        assertEquals(expected, Redaction.url(url));
    }
}
