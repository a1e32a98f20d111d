# An __import__ fromlist item encoded first (Werkzeug's import_string): bytes on 3 unless made native.


def import_string(import_name):
    module, obj = import_name.rsplit('.', 1)
    if isinstance(obj, unicode):
        obj = obj.encode('utf-8')
    return getattr(__import__(module, None, None, [obj]), obj)


print import_string(u'xml.dom').__name__, import_string('xml.dom').__name__
print __import__('xml', None, None, [b'dom']).dom.__name__
print import_string('os.path').__name__
