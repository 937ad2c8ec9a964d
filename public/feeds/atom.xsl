<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows the Atom feeds (/feeds/warnings.atom, /feeds/cap.atom) as a readable page when a resident opens one in a
     browser; feed readers ignore it. Referenced by the feeds' xml-stylesheet instruction (api/warnings/cap.ts). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/>（订阅源）</title>
        <style>
          body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.7;
                 margin: 0 auto; padding: 1rem; max-width: 42rem; color: #1a1d21; background: #fff; font-size: 1.0625rem; }
          .about { border: 2px solid #1d4ed8; border-radius: 6px; padding: 0.75rem 1rem; }
          code { word-break: break-all; background: #eef2f7; padding: 0 0.25em; }
          ol { padding: 0; list-style: none; }
          li { border-top: 1px solid #c9ced6; padding: 0.75rem 0; }
          li h3 { font-size: 1.125rem; margin: 0; }
          .meta { color: #4b5563; font-size: 0.9375rem; margin: 0; }
          .summary { white-space: pre-line; margin: 0.25rem 0 0; }
          a { color: #1d4ed8; }
          a:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <div class="about">
            <p>这是一个<strong>订阅源</strong>：把这一页的地址复制到 RSS/Atom 阅读器里，新发布的预警就会出现在阅读器中。</p>
            <p>订阅地址：<code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p><a href="/warnings/">查看正在生效的预警</a>（扬州应急 · 预警信息）</p>
          </div>
          <h2 style="font-size:1.25rem">最近发布的消息</h2>
          <ol>
            <xsl:for-each select="atom:entry">
              <li>
                <h3><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h3>
                <p class="meta">发布：<xsl:value-of select="substring(atom:updated, 1, 10)"/>&#160;<xsl:value-of select="substring(atom:updated, 12, 5)"/>（北京时间） · <xsl:value-of select="atom:author/atom:name"/></p>
                <p class="summary"><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
          <xsl:if test="not(atom:entry)"><p>还没有发布过预警信息。</p></xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
