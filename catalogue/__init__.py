"""Build China's Service Outsourcing Key Domains Catalogue (2022) as a SKOS/XKOS graph."""
