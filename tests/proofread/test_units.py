from __future__ import annotations

import pytest

from copydesk.proofread.rule import Lang
from copydesk.proofread.units import UnitConversions

rule = UnitConversions()


@pytest.mark.parametrize(
    ("text", "lang", "found", "suggestion"),
    [
        ("Nighttime lows of 4 Celsius (4F).", "en", "4F", "39F"),
        ("Highs of 30°C (96°F).", "en", "96°F", "86°F"),
        ("It is 5 miles (5 km) away.", "en", "5 km", "8 km"),
        ("A 10-foot (5-meter) wall.", "en", "5-meter", "3-meter"),
        ("Between 10-15C (50-69F).", "en", "50-69F", "50-59F"),
        ("Lows of minus 6C (6F).", "en", "6F", "21F"),
        ("A drop of −5°C (−5°F).", "en", "−5°F", "23°F"),
        ("It weighs 1,500 pounds (1,500 kg).", "en", "1,500 kg", "680 kg"),
        ("It is 30 degrees (96F) outside.", "en", "96F", "86F"),
        ("A site of 2 acres (2 hectares).", "en", "2 hectares", "1 hectares"),
        ("Temperatures rose by 5C (41F) in a decade.", "en", "41F", "9F"),
        ("Температура 4 °C (4 °F).", "uk", "4 °F", "39 °F"),
        ("Дистанція 42,2 кілометра (42,2 милі).", "uk", "42,2 милі", "26,2 милі"),
        ("Длиной 3 километра (3 мили).", "ru", "3 мили", "2 мили"),
    ],
)
def test_catches(text: str, lang: Lang, found: str, suggestion: str) -> None:
    findings = rule.check(text, lang)
    assert [f.text for f in findings] == [found]
    finding = findings[0]
    assert text[finding.start : finding.end] == found
    assert finding.suggestions == (suggestion,)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It is 30 centimeters (12 inches) long.", "en"),
        ("It is 5 miles (8 km) away.", "en"),
        ("At 100 km/h (62 mph).", "en"),
        ("At -40C (-40F), the scales meet.", "en"),
        ("Between 10-15C (50-59F).", "en"),
        ("Lows of minus 6C (21F).", "en"),
        ("Lows of −5°C (23°F).", "en"),
        ("About 1,500 miles (2,400 km).", "en"),
        ("Some 1,000 km (600 miles).", "en"),
        ("Temperatures rose by 5C (9F).", "en"),
        ("Temperatures dropped by about 8C (14F).", "en"),
        ("It weighs 0.6 grams (0.02 ounces).", "en"),
        ("An 18,000-square-foot (1,670-square-meter) wing.", "en"),
        ("He tanked 10 gallons (38 liters).", "en"),
        ("He tanked 10 gallons (45 liters).", "en"),
        ("It cost $5m (£4m).", "en"),
        ("Sales of 5 (10) units.", "en"),
        ("It is 5 km (5 km) away.", "en"),
        ("He is 5ft 9in (1.75m) tall.", "en"),
        ("She is 6 feet 2 inches (1.88 meters) tall.", "en"),
        ("The baby weighed 7lb 3oz (3.3kg).", "en"),
        ("The 1.5C (2.7F) target is slipping away.", "en"),
        ("Keep warming to 1.5C (2.7F).", "en"),
        ("A 2C (3.6F) rise would be dangerous.", "en"),
        ("The world has warmed 1.2C (2.2F) so far.", "en"),
        ("Температура 14 °C (57 °F).", "uk"),
        ("Відстань 1 500 км (932 милі).", "uk"),
        ("Площа 8 гектаров (20 акров).", "ru"),
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert rule.check(text, lang) == []
