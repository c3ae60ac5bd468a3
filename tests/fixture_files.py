"""Real input files built by the tests: PDF with a text layer, DOCX, ZIP, a saved news page."""
from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter

ARTICLE_FR = (
    "Moscou juge « décevante » la réponse de l'Otan\n\n"
    "Le Kremlin a reçu mercredi les réponses écrites des États-Unis et de l'Otan. "
    "Son porte-parole, Dmitri Peskov, a jugé que ces réponses « ne prennent pas en compte nos "
    "préoccupations principales ».\n\n"
    "« Nous allons étudier ces documents attentivement », a déclaré M. Peskov. "
    "L'aide promise s'élève à 5 € par habitant, selon le ministère."
)


def _pdf_string(line: str) -> bytes:
    return b"(" + line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """A minimal PDF whose pages show the given lines in Helvetica (WinAnsi: « » € and accents)."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    contents = []
    for lines in pages:
        stream = b"BT /F1 11 Tf 14 TL 50 780 Td\n" + b"\n".join(_pdf_string(x) + b" Tj T*" for x in lines) + b"\nET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        contents.append(len(objects))
    pages_id = len(objects) + len(pages) + 1
    kids = []
    for content in contents:
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 1 0 R >> >> >>" % (pages_id, content))
        kids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    catalog = len(objects)
    if title:
        objects.append(b"<< /Title " + _pdf_string(title) + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out.write(b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, info, xref))
    return out.getvalue()


def article_pdf() -> bytes:
    paragraphs = ARTICLE_FR.split("\n\n")
    return make_pdf([[paragraphs[0], "", paragraphs[1]], [paragraphs[2]]])


def encrypted_pdf(data: bytes, password: str = "secret", owner: str | None = None, algorithm: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password, owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page without any text: what a scanner produces (its image is left out)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], title: str = "", author: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# A saved page as news sites serve it: menu, share links, comments, scripts
# and a related-articles box around a French article with « » quotes.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Ukraine : Moscou juge « décevante » la réponse de l'Otan | Le Quotidien</title>
<link rel="canonical" href="https://www.lequotidien.example/monde/2022/02/02/ukraine-moscou-reponse-otan">
<meta property="og:title" content="Ukraine : Moscou juge « décevante » la réponse de l'Otan">
<meta property="og:site_name" content="Le Quotidien">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2022-02-02T09:15:00+01:00">
<meta name="author" content="Claire Dubois">
<script>window.dataLayer = [{"page": "article", "section": "monde"}]; trackPageView("SCRIPT-TRACKER");</script>
<style>.menu { display: flex }</style>
</head>
<body>
<header><nav class="menu"><ul>
<li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li><li><a href="/politique">Politique</a></li>
<li><a href="/abonnement">Abonnez-vous à partir de 1 € le premier mois</a></li></ul></nav></header>
<div class="share"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a></div>
<main>
<article>
<h1>Ukraine : Moscou juge « décevante » la réponse de l'Otan</h1>
<p class="byline">Par <span class="author">Claire Dubois</span>, publié le
<time datetime="2022-02-02T09:15:00+01:00">2 février 2022 à 9 h 15</time></p>
<p>Le Kremlin a reçu mercredi les réponses écrites des États-Unis et de l'Otan à ses propositions sur la
sécurité en Europe. Son porte-parole, Dmitri Peskov, a jugé que ces réponses « ne prennent pas en compte
nos préoccupations principales ».</p>
<p>« Nous allons étudier ces documents attentivement, mais il n'y a pas de quoi être optimiste », a déclaré
M. Peskov lors de son point de presse quotidien à Moscou.</p>
<p>Selon le ministre des Affaires étrangères, Sergueï Lavrov, Washington refuse toujours de discuter de la
non-extension de l'Alliance vers l'est. Le secrétaire général de l'Otan, Jens Stoltenberg, a pour sa part
affirmé que l'Alliance restait « prête au dialogue ».</p>
<p>Les discussions doivent reprendre la semaine prochaine à Genève, a indiqué une source diplomatique.</p>
</article>
<aside class="related"><h2>À lire aussi</h2><ul>
<li><a href="/a">Les marchés inquiets face à la crise ukrainienne</a></li>
<li><a href="/b">Biden promet une réponse « rapide et sévère »</a></li></ul></aside>
<section id="comments" class="comments">
<h2>Commentaires (2)</h2>
<div class="comment"><p class="comment-author">Jean75</p><p>Encore un article partial, honte à vous !</p></div>
<div class="comment"><p class="comment-author">Marie_L</p><p>Merci pour cet éclairage, très instructif.</p></div>
</section>
</main>
<footer><p>© 2022 Le Quotidien — Mentions légales — Contact</p></footer>
<script>document.write("PUBLICITE-TRACKING")</script>
</body>
</html>
"""
