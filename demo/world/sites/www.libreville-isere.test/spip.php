<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Actualités de Libreville-sur-Isère</title><link>http://www.libreville-isere.test/actualites/</link>
<description>Actualités de Libreville-sur-Isère</description><language>fr</language>
<item><title>Install party à la médiathèque</title><link>http://www.libreville-isere.test/actualites/</link></item>
</channel></rss>
