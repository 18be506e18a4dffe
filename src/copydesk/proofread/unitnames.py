"""How writers name units, mapped to pint units.

Each written form maps to one or more pint units: several where usage is ambiguous
("gallons" may be US or imperial, "tons" short, long or metric); a conversion is
accepted when it agrees with any of them. ``None`` marks bare "degrees", whose
scale is taken to be the other one of Celsius and Fahrenheit in the pair.
"""

from __future__ import annotations

from functools import lru_cache

CELSIUS = "degC"
FAHRENHEIT = "degF"

_FORMS: dict[tuple[str, ...], tuple[str, ...] | None] = {
    # Temperature.
    (
        "°C", "° C", "ºC", "º C", "℃", "°С", "° С", "C", "Celsius", "centigrade",
        "degrees Celsius", "degrees C", "degree Celsius", "degrees centigrade",
        "градусів за Цельсієм", "градуси за Цельсієм", "градус за Цельсієм",
        "градуса за Цельсієм", "за Цельсієм",
        "градусов по Цельсию", "градуса по Цельсию", "градус по Цельсию", "по Цельсию",
    ): (CELSIUS,),
    (
        "°F", "° F", "ºF", "º F", "℉", "F", "Fahrenheit", "degrees Fahrenheit",
        "degrees F", "degree Fahrenheit", "градусів за Фаренгейтом",
        "градуси за Фаренгейтом", "за Фаренгейтом", "градусов по Фаренгейту",
        "градуса по Фаренгейту", "по Фаренгейту",
    ): (FAHRENHEIT,),
    ("°", "º", "degrees", "градусів", "градуси", "градусов", "градуса"): None,
    # Length and distance.
    ("mm", "millimeters", "millimetres", "millimeter", "millimetre", "мм"): ("millimeter",),
    (
        "cm", "centimeters", "centimetres", "centimeter", "centimetre", "см",
        "сантиметрів", "сантиметри", "сантиметров", "сантиметра",
    ): ("centimeter",),
    (
        "m", "meters", "metres", "meter", "metre", "м", "метрів", "метри", "метр",
        "метров", "метра",
    ): ("meter",),
    (
        "km", "kilometers", "kilometres", "kilometer", "kilometre", "км", "кілометрів",
        "кілометри", "кілометр", "кілометра", "километров", "километра", "километр",
    ): ("kilometer",),
    ("in", "inches", "inch", "дюймів", "дюйми", "дюйм", "дюймов", "дюйма"): ("inch",),
    ("ft", "feet", "foot", "футів", "фути", "фут", "футов", "фута"): ("foot",),
    ("yd", "yards", "yard", "ярдів", "ярди", "ярдов", "ярда"): ("yard",),
    ("mi", "miles", "mile", "миль", "милі", "миля", "милю", "мили"): ("mile",),
    ("nautical miles", "nautical mile", "морських миль", "морских миль"): ("nautical_mile",),
    # Mass.
    ("g", "grams", "grammes", "gram", "gramme"): ("gram",),
    (
        "kg", "kilograms", "kilogrammes", "kilogram", "kilos", "kilo", "кг",
        "кілограмів", "кілограми", "килограммов", "килограмма",
    ): ("kilogram",),
    ("tonnes", "tonne", "metric tons", "metric ton", "тонн", "тонни", "тонн"): ("metric_ton",),
    ("tons", "ton"): ("short_ton", "long_ton", "metric_ton"),
    ("lb", "lbs", "pounds", "pound", "фунтів", "фунти", "фунт", "фунтов", "фунта"): ("pound",),
    ("oz", "ounces", "ounce", "унцій", "унцій", "унций"): ("ounce",),
    ("stone",): ("stone",),
    # Speed.
    (
        "km/h", "kph", "kmh", "km/hr", "kilometers per hour", "kilometres per hour",
        "км/год", "км/ч", "кілометрів на годину", "километров в час",
    ): ("kilometer/hour",),
    ("mph", "miles per hour", "миль/год", "миль на годину", "миль/ч", "миль в час"): (
        "mile/hour",
    ),
    ("m/s", "meters per second", "metres per second", "м/с"): ("meter/second",),
    ("knots", "knot", "kt", "вузлів", "узлов"): ("knot",),
    # Volume.
    ("ml", "mL", "milliliters", "millilitres", "мл"): ("milliliter",),
    ("l", "L", "liters", "litres", "liter", "litre", "л", "літрів", "літри", "литров", "литра"): (
        "liter",
    ),
    ("gallons", "gallon", "gal", "галонів", "галлонов"): ("gallon", "imperial_gallon"),
    ("pints", "pint"): ("pint", "imperial_pint"),
    ("fluid ounces", "fl oz"): ("fluid_ounce", "imperial_fluid_ounce"),
    (
        "cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³", "куб. м",
        "м³",
    ): ("meter**3",),
    ("cubic feet", "cubic foot", "cu ft", "ft3", "ft³"): ("foot**3",),
    # Area.
    (
        "sq km", "square kilometers", "square kilometres", "square kilometer",
        "square kilometre", "km2", "km²", "кв. км", "км²",
    ): ("kilometer**2",),
    ("sq mi", "square miles", "square mile"): ("mile**2",),
    ("hectares", "hectare", "ha", "га", "гектарів", "гектарів", "гектаров"): ("hectare",),
    ("acres", "acre", "акрів", "акров"): ("acre",),
    (
        "sq m", "square meters", "square metres", "square meter", "square metre", "m2", "m²",
        "кв. м", "м²",
    ): ("meter**2",),
    ("sq ft", "square feet", "square foot", "ft2", "ft²"): ("foot**2",),
}  # fmt: skip


def _case_variants(form: str) -> set[str]:
    if len(form) < 3 or not form[0].isalpha() or not form[0].islower():
        return {form}
    return {form, form[0].upper() + form[1:]}


def _spellings(form: str) -> set[str]:
    """The form, its capitalised variant, and for several words the hyphenated one
    ("18,000-square-foot")."""
    variants = _case_variants(form)
    if " " in form and form.isascii():
        variants |= {variant.replace(" ", "-") for variant in variants}
    return variants


@lru_cache(maxsize=1)
def unit_table() -> dict[str, tuple[str, ...] | None]:
    """Every written form (with a capitalised variant for words) to its pint units."""
    table: dict[str, tuple[str, ...] | None] = {}
    for forms, units in _FORMS.items():
        for form in forms:
            for variant in _spellings(form):
                table[variant] = units
    return table
