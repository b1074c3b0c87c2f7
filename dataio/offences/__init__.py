"""Other STRAF11 offence codes beside residential burglary (business burglary 1310 and any chosen):
store (offence_quarter: writes inside a Statistikbanken import, reads of the series, the rate
against the nation and similar municipalities, the `business_burglaries` status document) and demo
(labelled demo business burglaries). Public statistics: no read takes a viewer.
"""
