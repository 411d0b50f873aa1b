"""`field__any=[...]`: membership in a list as ONE array parameter on PostgreSQL
(`= ANY(%s)`), where `__in` binds every value separately (slow for thousands of values)."""

from django.db.models import Field, Lookup


@Field.register_lookup
class AnyLookup(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [self.lhs.output_field.get_prep_value(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        waarden = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, waarden]
        if not waarden:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(waarden))})", [*lhs_params, *waarden]
