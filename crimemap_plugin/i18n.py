"""English and Welsh: the translator for the user's QGIS locale, and tr() for the plugin's words.

Strings shown in the interface go through tr() (or tr_noop() where a table of them is defined before
a translator can exist, then tr() when shown). `scripts/update_translations.py` collects them, with
the dock's .ui strings, into i18n/crimemap_<lang>.ts (edit those in Qt Linguist or by hand); `make
translations` compiles them to the .qm files the plugin loads.
"""

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "CrimeMap"
FOLDER = Path(__file__).resolve().parent / "i18n"
_installed = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Marks a string for translation where it is defined; tr() translates it where it is shown."""
    return text


def locale_name() -> str:
    """The user's QGIS interface language ('cy', 'en', ...), as QGIS itself chooses it."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "", type=str)
    else:
        name = QLocale.system().name()
    return (name or "en")[:2].lower()


def locale() -> QLocale:
    """The user's locale: Welsh month and day names, number formats, from Qt's own tables."""
    return QLocale(locale_name())


class LocaleDates:
    """Dates in the user's language (core.neighbourhood_view.EnglishDates' methods)."""

    @staticmethod
    def _qt(d):
        from qgis.PyQt.QtCore import QDate, QDateTime, QTime
        return QDateTime(QDate(d.year, d.month, d.day), QTime(d.hour, d.minute))

    @classmethod
    def day(cls, d) -> str:
        return locale().toString(cls._qt(d).date(), "d MMMM yyyy")

    @classmethod
    def month(cls, d) -> str:
        return locale().toString(cls._qt(d).date(), "MMMM yyyy")

    @classmethod
    def moment(cls, d) -> str:
        return locale().toString(cls._qt(d), "dddd d MMMM yyyy, HH:mm")


def install() -> bool:
    """Load the translation for the user's language, when there is one. True when one was loaded."""
    path = FOLDER / f"crimemap_{locale_name()}.qm"
    if _installed or not path.exists():
        return False
    translator = QTranslator()
    if not translator.load(str(path)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    _use_locale_months()
    return True


def _use_locale_months() -> None:
    """Period labels ('Hydref–Rhagfyr 2025') with the locale's own month names, from Qt's tables."""
    from .core import periods
    here = locale()
    long_format = QLocale.FormatType.LongFormat
    short_format = QLocale.FormatType.ShortFormat
    periods.use_month_names(tuple(here.standaloneMonthName(m, long_format) for m in range(1, 13)),
                            tuple(here.standaloneMonthName(m, short_format) for m in range(1, 13)))


def uninstall() -> None:
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    from .core import periods
    periods.use_month_names()
