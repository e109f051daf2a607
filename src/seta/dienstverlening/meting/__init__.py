"""Pure core of service-level measurement: lead times, working days, compliance per period. No Django.

- ``kalender``: working days per the Algemene termijnenwet (Easter by the computus);
- ``perioden``: reporting periods from a DVO's rapportageritme, with Dutch labels;
- ``cijfers``: the figures per norm and period, the verdict, the trend and the "missed twice running" rule.
"""
