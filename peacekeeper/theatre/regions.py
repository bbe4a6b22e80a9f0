"""Named groups of municipalities that rules refer to: the north of the Ibar.

The four municipalities north of the Ibar river, with a Kosovo Serb majority, are the ones the 2013 Brussels
agreement (point 9, see kfor_facts.json `mandate`) names for their own police regional commander. Caveats
("not north of the Ibar") and the assessment's north / south comparison use this set.
"""

NORTH_OF_IBAR = frozenset(
    {"XK-MUN-NORTH-MITROVICA", "XK-MUN-ZVECAN", "XK-MUN-ZUBIN-POTOK", "XK-MUN-LEPOSAVIC"}
)
NORTH_OF_IBAR_NOTE = (
    "North Mitrovica, Zvečan, Zubin Potok and Leposavić: the municipalities north of the Ibar, named "
    "together in the 2013 Brussels agreement (point 9)"
)
