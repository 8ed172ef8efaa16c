package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OkHttpChatClientTest {
  private static final String TEXT = "Ménière's disease – “vertigo”";

  @Test
  void aBodyIsUtf8WhenTheContentTypeNamesNoCharset() {
    byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
    assertEquals(TEXT, OkHttpChatClient.text(utf8, null));
    assertEquals(TEXT, OkHttpChatClient.text(utf8, "application/json"));
    assertEquals(TEXT, OkHttpChatClient.text(utf8, "application/json; charset=UTF-8"));
  }

  @Test
  void theCharsetTheContentTypeNamesIsUsed() {
    String latin = "Ménière";
    byte[] bytes = latin.getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(latin, OkHttpChatClient.text(bytes, "application/json; Charset=\"ISO-8859-1\""));
    assertEquals(
        latin, OkHttpChatClient.text(bytes, "text/plain;charset=iso-8859-1; format=flowed"));
  }

  @Test
  void anUnknownCharsetFallsBackToUtf8AndAByteOrderMarkIsDropped() {
    byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
    assertEquals(TEXT, OkHttpChatClient.text(utf8, "application/json; charset=no-such-set"));
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertEquals(TEXT, OkHttpChatClient.text(bom, "application/json"));
    assertEquals("", OkHttpChatClient.text(new byte[0], null));
  }
}
