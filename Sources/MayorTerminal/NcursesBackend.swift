import CNcursesw
import MayorCore
