"""References in the two editions' styles: GB/T 7714-2025 (Chinese) and IEEE (English),
one entry of each kind, formatted by citeproc-js from the CSL-JSON of schema entries."""

import pytest

from article_md.bibliography import csl_item
from article_md.citeproc import Formatter
from article_md.errors import ContentError
from article_md.schema import Book, Work

GBT = "article_md/styles/china-national-standard-gb-t-7714-2025-numeric.csl"
IEEE = "article_md/styles/ieee.csl"
V = {"verified": {"source": "https://example.org/", "date": "2026-12-03"}}

ENTRIES = [
    Book.model_validate({"id": "book", "title": "Deep Learning", "authors": ["Ian Goodfellow", "Yoshua Bengio", "Aaron Courville"],
                         "issued": 2016, "publisher": "MIT Press", "publisher_place": "Cambridge, MA",
                         "isbn": "978-0-262-03561-3", **V}),
    Book.model_validate({"id": "book-zh", "title": "深度学习", "authors": ["伊恩·古德费洛", "约书亚·本吉奥", "亚伦·库维尔", "赵申剑"],
                         "issued": 2017, "publisher": "人民邮电出版社", "publisher_place": "北京", "isbn": "978-7-115-46147-6", **V}),
    Work.model_validate({"id": "journal", "type": "article-journal", "title": "Deep learning",
                         "authors": ["Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton"], "issued": "2015-05-27",
                         "container": "Nature", "volume": 521, "issue": 7553, "pages": "436–444",
                         "doi": "10.1038/nature14539", **V}),
    Work.model_validate({"id": "conference", "type": "paper-conference", "title": "Generative Adversarial Nets",
                         "authors": ["Ian Goodfellow", "Jean Pouget-Abadie", "Mehdi Mirza", "Bing Xu", "David Warde-Farley",
                                     "Sherjil Ozair", "Aaron Courville", "Yoshua Bengio"],
                         "issued": 2014, "container": "Advances in Neural Information Processing Systems 27",
                         "pages": "2672–2680", "arxiv": "1406.2661", **V}),
    Work.model_validate({"id": "preprint", "type": "article", "title": "Distilling the Knowledge in a Neural Network",
                         "authors": ["Geoffrey Hinton", "Oriol Vinyals", "Jeff Dean"], "issued": 2015, "arxiv": "1503.02531", **V}),
    Work.model_validate({"id": "news", "type": "article-newspaper", "title": "A news article", "authors": ["Coco Feng"],
                         "issued": "2021-06-02", "container": "South China Morning Post", "url": "https://www.scmp.com/news", **V}),
    Work.model_validate({"id": "blog", "type": "post-weblog", "title": "A blog post", "authors": ["Sundar Pichai"],
                         "issued": "2023-04-20", "container": "The Keyword", "url": "https://blog.google/post/", **V}),
    Work.model_validate({"id": "page", "type": "webpage", "title": "Probabilistic losses", "authors": [{"literal": "Keras team"}],
                         "issued": 2026, "container": "Keras 3 API documentation", "url": "https://keras.io/api/losses/", **V}),
    Work.model_validate({"id": "report", "type": "report", "title": "Improving Language Understanding by Generative Pre-Training",
                         "authors": ["Alec Radford", "Karthik Narasimhan", "Tim Salimans", "Ilya Sutskever"], "issued": 2018,
                         "publisher": "OpenAI", "url": "https://cdn.openai.com/paper.pdf", **V}),
    Work.model_validate({"id": "software", "type": "software", "title": "keras 3.15.1", "authors": [{"literal": "Keras team"}],
                         "issued": 2026, "publisher": "Python Package Index (PyPI)",
                         "url": "https://pypi.org/project/keras/3.15.1/", **V}),
]

# GB/T 7714-2025: [M] [J] [C] [PP] [N] [EB] [R] [CP], /OL when online, full-width Chinese
# punctuation, 等 after a Chinese entry's three first authors, et al. after an English one's.
EXPECTED_GBT = {
    "book": "Goodfellow I，Bengio Y，Courville A. Deep Learning[M]. Cambridge, MA：MIT Press，2016.",
    "book-zh": "伊恩·古德费洛，约书亚·本吉奥，亚伦·库维尔，等. 深度学习[M]. 北京：人民邮电出版社，2017.",
    "journal": "LeCun Y，Bengio Y，Hinton G. Deep learning[J/OL]. Nature，2015，521（7553）：436-444. DOI:10.1038/nature14539.",
    "conference": "Goodfellow I，Pouget-Abadie J，Mirza M，et al. Generative Adversarial Nets[C/OL]//Advances in Neural "
                  "Information Processing Systems 27. 2014：2672-2680. https://arxiv.org/abs/1406.2661.",
    "preprint": "Hinton G，Vinyals O，Dean J. Distilling the Knowledge in a Neural Network[PP/OL]. arXiv（2015）. "
                "DOI:10.48550/arXiv.1503.02531.",
    "news": "Feng C. A news article[N/OL]. South China Morning Post，2021-06-02. https://www.scmp.com/news.",
    "blog": "Pichai S. A blog post[EB/OL]. （2023-04-20）[2026-12-03]. https://blog.google/post/.",
    "page": "Keras team. Probabilistic losses[EB/OL]. （2026）[2026-12-03]. https://keras.io/api/losses/.",
    "report": "Radford A，Narasimhan K，Salimans T，et al. Improving Language Understanding by Generative "
              "Pre-Training[R/OL]. OpenAI，2018. https://cdn.openai.com/paper.pdf.",
    "software": "Keras team. keras 3.15.1[CP/OL]. Python Package Index (PyPI)，2026. https://pypi.org/project/keras/3.15.1/.",
}

# IEEE: initials first, "et al." from seven authors on, quoted titles, access dates.
EXPECTED_IEEE = {
    "book": "I. Goodfellow, Y. Bengio, and A. Courville, Deep Learning. Cambridge, MA: MIT Press, 2016.",
    "journal": "Y. LeCun, Y. Bengio, and G. Hinton, “Deep learning,” Nature, vol. 521, no. 7553, pp. 436–444, "
               "May 2015, doi: 10.1038/nature14539.",
    "conference": "I. Goodfellow et al., “Generative Adversarial Nets,” in Advances in Neural Information Processing "
                  "Systems 27, 2014, pp. 2672–2680. Accessed: Dec. 03, 2026. [Online]. Available: "
                  "https://arxiv.org/abs/1406.2661",
    "preprint": "G. Hinton, O. Vinyals, and J. Dean, “Distilling the Knowledge in a Neural Network,” 2015, arXiv: "
                "arXiv:1503.02531. doi: 10.48550/arXiv.1503.02531.",
    "news": "C. Feng, “A news article,” South China Morning Post, Jun. 02, 2021. Accessed: Dec. 03, 2026. [Online]. "
            "Available: https://www.scmp.com/news",
    "blog": "S. Pichai, “A blog post,” The Keyword. Accessed: Dec. 03, 2026. [Online]. Available: https://blog.google/post/",
    "page": "Keras team, “Probabilistic losses,” Keras 3 API documentation. Accessed: Dec. 03, 2026. [Online]. "
            "Available: https://keras.io/api/losses/",
    "report": "A. Radford, K. Narasimhan, T. Salimans, and I. Sutskever, “Improving Language Understanding by "
              "Generative Pre-Training,” OpenAI, 2018. Accessed: Dec. 03, 2026. [Online]. Available: "
              "https://cdn.openai.com/paper.pdf",
    "software": "Keras team, keras 3.15.1. (2026). Python Package Index (PyPI). Accessed: Dec. 03, 2026. [Online]. "
                "Available: https://pypi.org/project/keras/3.15.1/",
}


@pytest.fixture(scope="module")
def gbt(tmp_path_factory):
    engine = Formatter(GBT, "zh-CN", ("en",), str(tmp_path_factory.mktemp("cache")))
    return engine.entries([csl_item(entry, "zh") for entry in ENTRIES])


@pytest.fixture(scope="module")
def ieee(tmp_path_factory):
    engine = Formatter(IEEE, "en-US", (), str(tmp_path_factory.mktemp("cache")))
    return engine.entries([csl_item(entry, "en") for entry in ENTRIES if entry.id != "book-zh"])


@pytest.mark.parametrize("key", EXPECTED_GBT)
def test_gbt_7714_2025_on_chinese_pages(gbt, key):
    assert gbt[key].text == EXPECTED_GBT[key]


@pytest.mark.parametrize("key", EXPECTED_IEEE)
def test_ieee_on_english_pages(ieee, key):
    assert ieee[key].text == EXPECTED_IEEE[key]


def test_html_links_dois_and_urls_and_italicizes_containers(ieee):
    assert '<a href="https://doi.org/10.1038/nature14539">10.1038/nature14539</a>' in ieee["journal"].html
    assert "<i>Nature</i>" in ieee["journal"].html
    assert '<a href="https://blog.google/post/">' in ieee["blog"].html


def test_answers_come_from_the_cache_without_node(tmp_path):
    items = [csl_item(ENTRIES[0], "en")]
    first = Formatter(IEEE, "en-US", (), str(tmp_path))
    assert first.entries(items)["book"].text == EXPECTED_IEEE["book"]
    again = Formatter(IEEE, "en-US", (), str(tmp_path))
    assert again.entries(items)["book"].text == EXPECTED_IEEE["book"]
    assert first.worker.process is not None and again.worker.process is None


def test_a_missing_style_or_locale_is_one_line():
    with pytest.raises(ContentError, match=r"citation style article_md/styles/apa\.csl: no such file"):
        Formatter("article_md/styles/apa.csl", "en-US")
    with pytest.raises(ContentError, match=r"citation locale fr-FR: no file locales-fr-FR\.xml beside"):
        Formatter(IEEE, "fr-FR")
